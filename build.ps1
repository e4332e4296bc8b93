<#
.SYNOPSIS
    Builds, tests, audits, benchmarks and packages DockerHarden.
.DESCRIPTION
    Clean    removes out/ and every bin/obj folder.
    Build    lays out a loadable module under out/DockerHarden (manifest, dll, format and types files, help, dependencies/).
    Test     builds, prepares a real Docker engine and the test image (installing them as root on Debian/Ubuntu
             when nothing answers), runs the xunit suite and every Pester suite in a child pwsh against the built
             module, and prints a last line "N passed, N failed, N skipped". Exits non-zero on any failure.
    Audit    builds and audits this machine's engine (Test-DaemonHardening) and its containers with the built module.
    Analyze  runs PSScriptAnalyzer over the repository with PSScriptAnalyzerSettings.psd1; fails on any Error or
             Warning. Test runs it first.
    Bootstrap installs the build modules of build.requirements.psd1 (PlatyPS, PSScriptAnalyzer) with
             Install-PSResource. Offline, put a folder holding them first on PSModulePath instead.
    Bench    builds and measures Get-ContainerHardening against raw docker inspect (-Count containers), then
             Get-ComposeHardening and Repair-ComposeFile -WhatIf on generated files of 50, 500 and 5000 services, and
             the compose corpus as a whole process beside the warm audit (and compose-lint, with COMPOSE_LINT_SOURCE),
             then Get-ServiceHardening on 100 services of a throwaway swarm against raw docker service inspect.
    Package  builds and packs out/DockerHarden.<version>.nupkg with Publish-PSResource (the Gallery artefact).
.EXAMPLE
    pwsh ./build.ps1 -Task Test
.EXAMPLE
    pwsh ./build.ps1 -Task Bench -Count 50
#>
[CmdletBinding()]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', '', Justification = 'Script parameters are read by the functions of this script, which the rule does not follow.')]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Audit', 'Package', 'Bench', 'Analyze', 'Bootstrap')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # Bench: how many labelled containers to create.
    [ValidateRange(1, 1000)]
    [int] $Count = 50,

    # Test: run only the Pester suites whose file name matches (for example 'Help').
    [string] $Filter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest
$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'DockerHarden'
# Under the dotnet global tool the process is 'dotnet'; child processes need the pwsh launcher itself.
# The manifest is the one place the version lives: the build stamps the assemblies and the package from it.
$Version = (Import-PowerShellDataFile (Join-Path $Root 'DockerHarden.psd1')).ModuleVersion
$Pwsh = if ([Environment]::ProcessPath -match 'pwsh(\.exe)?$') { [Environment]::ProcessPath } else { (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source }

# Third-party assemblies that ship in dependencies/. An explicit list: a new transitive dll fails the build
# instead of slipping into the package unnoticed.
$Dependencies = @(
    'Docker.DotNet.dll', 'Docker.DotNet.Handler.Abstractions.dll', 'Docker.DotNet.LegacyHttp.dll',
    'Docker.DotNet.NativeHttp.dll', 'Docker.DotNet.NPipe.dll', 'Docker.DotNet.Unix.dll', 'Docker.DotNet.X509.dll',
    'Microsoft.Net.Http.Client.dll', 'Microsoft.Extensions.Logging.Abstractions.dll',
    'Microsoft.Extensions.DependencyInjection.Abstractions.dll', 'System.IO.Pipelines.dll', 'YamlDotNet.dll'
)

# Build modules (PlatyPS, PSScriptAnalyzer) with their exact versions, declared once in build.requirements.psd1.
$RequirementsFile = Join-Path $Root 'build.requirements.psd1'
$Requirements = Import-PowerShellDataFile $RequirementsFile

function Get-BuildModuleSpec([string[]] $Name) {
    foreach ($n in $Name) { @{ ModuleName = $n; RequiredVersion = $Requirements[$n].version.Trim('[]') } }
}

function Assert-BuildModule([string[]] $Name) {
    # Found on PSModulePath, wherever they came from (Bootstrap, a Gallery install, an offline folder).
    $missing = foreach ($spec in (Get-BuildModuleSpec $Name)) {
        if (-not (Get-Module -ListAvailable -FullyQualifiedName $spec)) { "$($spec.ModuleName) $($spec.RequiredVersion)" }
    }
    if ($missing) {
        throw "Build module(s) not found on PSModulePath: $($missing -join ', '). Run: pwsh ./build.ps1 -Task Bootstrap (offline: put a folder holding them first on PSModulePath)."
    }
}

function Invoke-Bootstrap {
    $names = @($Requirements.Keys | Sort-Object)
    $wanted = (Get-BuildModuleSpec $names | ForEach-Object { "$($_.ModuleName) $($_.RequiredVersion)" }) -join ', '
    if (-not (Get-BuildModuleSpec $names | Where-Object { -not (Get-Module -ListAvailable -FullyQualifiedName $_) })) {
        Write-Host "Already on PSModulePath: $wanted"
        return
    }
    try {
        Install-PSResource -RequiredResourceFile $RequirementsFile -TrustRepository -Quiet -ErrorAction Stop
    }
    catch {
        # PSResourceGet's message carries the whole request URL; the reason is enough.
        $reason = $_.Exception.GetBaseException().Message -replace "\s*Request sent: '[^']*'", ''
        throw "Bootstrap could not install $wanted with Install-PSResource from the registered repositories ($((Get-PSResourceRepository).Name -join ', ')): $reason. Offline: put a folder holding these modules first on PSModulePath (README, Building)."
    }
    Assert-BuildModule $names
    Write-Host "Installed $wanted"
}

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    # Tool output is for the reader, never a function's return value.
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-ChildPwsh([string] $Step, [string] $Command) {
    # A step that imports what the build must not hold (the built dll, the analyzer): a child pwsh, which reports
    # its own problems; the build then names the step, not the whole command line.
    & $Pwsh -NoProfile -NonInteractive -Command $Command | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$Step failed (exit code $LASTEXITCODE); its messages are above." }
}

function Invoke-Clean {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Out
    Get-ChildItem -Path $Root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
}

function Invoke-Build {
    Assert-BuildModule 'Microsoft.PowerShell.PlatyPS'
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/DockerHarden.Adapters/DockerHarden.Adapters.csproj'), '-c', $Configuration, '--nologo', '-v', 'q', "-p:Version=$Version")
    $moduleBin = Join-Path $Root "src/DockerHarden/bin/$Configuration/net8.0"
    $adapterBin = Join-Path $Root "src/DockerHarden.Adapters/bin/$Configuration/net8.0"

    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $ModuleOut
    $deps = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleOut 'dependencies')
    Copy-Item (Join-Path $moduleBin 'DockerHarden.dll') $ModuleOut
    Copy-Item (Join-Path $Root 'DockerHarden.psd1'), (Join-Path $Root 'LICENSE') $ModuleOut
    Copy-Item (Join-Path $adapterBin 'DockerHarden.Adapters.dll') $deps
    # The source manifest names its format and types files where they are in the tree (so that it is valid in a
    # clone); the module holds them flat, and its manifest gets the root module the source one cannot name.
    $manifest = Import-PowerShellDataFile (Join-Path $Root 'DockerHarden.psd1')
    foreach ($file in @($manifest.FormatsToProcess) + @($manifest.TypesToProcess)) { Copy-Item (Join-Path $Root $file) $ModuleOut }
    Update-PSModuleManifest -Path (Join-Path $ModuleOut 'DockerHarden.psd1') -ReleaseNotes (Get-ReleaseNote) -RootModule 'DockerHarden.dll' `
        -FormatsToProcess @($manifest.FormatsToProcess | Split-Path -Leaf) -TypesToProcess @($manifest.TypesToProcess | Split-Path -Leaf)

    $shipped = Get-ChildItem $adapterBin -Filter *.dll | Where-Object Name -NotIn @('DockerHarden.dll', 'DockerHarden.Adapters.dll')
    $unexpected = $shipped | Where-Object Name -NotIn $Dependencies
    if ($unexpected) { throw "Dependencies not on the allow-list in build.ps1: $($unexpected.Name -join ', ')" }
    foreach ($name in $Dependencies) {
        $file = Join-Path $adapterBin $name
        if (-not (Test-Path $file)) { throw "Allow-listed dependency $name is missing from $adapterBin" }
        Copy-Item $file $deps
    }

    Invoke-ReadyToRun $deps

    # PlatyPS checks the pages against the built cmdlets and writes the MAML (tools/ModuleHelp.psm1); that imports
    # the built module, so it runs in a child process, which unloads it.
    $helpCommand = "Import-Module '$Root/tools/ModuleHelp.psm1'; Export-ModuleHelp -ModulePath '$ModuleOut/DockerHarden.psd1' -MarkdownPath '$Root/en-US' -OutputPath '$ModuleOut/en-US' | Out-Null"
    Invoke-ChildPwsh 'Help (PlatyPS)' $helpCommand

    Write-Host "Built $ModuleOut"
}

# The assemblies a compose audit runs through, precompiled (ReadyToRun) so that a fresh process does not JIT-compile
# them: the corpus's import + first audit spends about 0.15 s less CPU. The code is for linux-x64 on .NET 10 (PowerShell
# 7.6); the IL stays in the same files, and any other OS, architecture or runtime (PowerShell 7.4 on .NET 8) ignores the
# precompiled code and JIT-compiles as before, so the module stays one portable package. Docker.DotNet is left as IL:
# it is large and a compose audit never loads it. When the compiler cannot be had (offline, an unsupported build
# machine, a build pwsh on another runtime), the build says so and ships IL only.
$ReadyToRun = @('DockerHarden.dll', 'dependencies/DockerHarden.Adapters.dll', 'dependencies/YamlDotNet.dll')

function Invoke-ReadyToRun([string] $DependencyDir) {
    $runtimeDir = [Runtime.InteropServices.RuntimeEnvironment]::GetRuntimeDirectory()
    $arch = [Runtime.InteropServices.RuntimeInformation]::OSArchitecture.ToString().ToLowerInvariant()
    $os = if ($IsWindows) { 'win' } elseif ($IsMacOS) { 'osx' } else { 'linux' }
    if ([Environment]::Version.Major -ne 10 -or $arch -notin 'x64', 'arm64') {
        Write-Host "ReadyToRun: skipped (the build runs on .NET $([Environment]::Version) $arch; the images are made against .NET 10): the module ships IL only."
        return
    }
    & dotnet restore (Join-Path $Root 'tools/ReadyToRun.proj') --nologo -v q "-p:CrossgenRid=$os-$arch" | Out-Null
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $crossgen = Join-Path $cache "microsoft.netcore.app.crossgen2.$os-$arch/10.0.12/tools/crossgen2$(if ($IsWindows) { '.exe' })"
    if ($LASTEXITCODE -ne 0 -or -not (Test-Path $crossgen)) {
        Write-Host 'ReadyToRun: skipped (crossgen2 could not be restored from NuGet): the module ships IL only.'
        return
    }
    $il = Join-Path $Out 'il'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $il
    New-Item -ItemType Directory -Path $il | Out-Null
    foreach ($file in $ReadyToRun) { Copy-Item (Join-Path $ModuleOut $file) $il }
    # Each assembly is compiled on its own (its own version bubble) against the IL of the others.
    $names = @($ReadyToRun | Split-Path -Leaf)
    $others = @(Get-ChildItem $DependencyDir -Filter *.dll | Where-Object Name -NotIn $names).FullName
    foreach ($file in $ReadyToRun) {
        $source = Join-Path $il (Split-Path -Leaf $file)
        $references = @("$runtimeDir/*.dll", (Join-Path $PSHOME 'System.Management.Automation.dll')) + $others +
            @($names | ForEach-Object { Join-Path $il $_ } | Where-Object { $_ -ne $source })
        $arguments = @($source, '-o', (Join-Path $ModuleOut $file), '--targetos', 'linux', '--targetarch', 'x64', '-O') +
            @($references | ForEach-Object { '-r', $_ })
        Remove-Item (Join-Path $ModuleOut $file)
        Invoke-Native $crossgen $arguments
    }
    Remove-Item -Recurse -Force $il
    Write-Host "ReadyToRun: $($ReadyToRun.Count) assemblies precompiled for linux-x64 on .NET 10 (IL kept for every other platform)."
}

function Invoke-Analyze {
    Assert-BuildModule 'PSScriptAnalyzer'
    # In a child pwsh, like the help step: the analyzer's assemblies stay out of the build process.
    $spec = Get-BuildModuleSpec 'PSScriptAnalyzer'
    $analyze = @"
Import-Module PSScriptAnalyzer -RequiredVersion '$($spec.RequiredVersion)' -ErrorAction Stop
`$findings = @(Invoke-ScriptAnalyzer -Path '$Root' -Recurse -Settings '$Root/PSScriptAnalyzerSettings.psd1' |
    Where-Object { `$_.ScriptPath -notmatch '[\\/](out|bin|obj)[\\/]' })
if (`$findings) {
    `$findings | Format-Table Severity, RuleName, @{ n = 'Where'; e = { '{0}:{1}' -f ([IO.Path]::GetRelativePath('$Root', `$_.ScriptPath)), `$_.Line } }, Message -AutoSize -Wrap | Out-String -Width 220 | Write-Host
    Write-Host "PSScriptAnalyzer: `$(`$findings.Count) finding(s) under PSScriptAnalyzerSettings.psd1"
    exit 1
}
Write-Host 'PSScriptAnalyzer: no findings'
"@
    Invoke-ChildPwsh 'Analyze (PSScriptAnalyzer)' $analyze
}

function Get-ReleaseNote {
    # The CHANGELOG.md section of this version: from its heading to the next one.
    $text = Get-Content -Raw (Join-Path $Root 'CHANGELOG.md')
    $match = [regex]::Match($text, "(?ms)^## $([regex]::Escape($Version))\b[^\n]*\n(.*?)(?=^## |\z)")
    if (-not $match.Success) { throw "CHANGELOG.md has no '## $Version' section." }
    $match.Groups[1].Value.Trim()
}

function Invoke-Package {
    Invoke-Build
    # Publish-PSResource to a throwaway folder repository builds the very nupkg a Gallery upload would send.
    $repoName = "DockerHardenBuild-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $repoDir = Join-Path $Out 'package-repo'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $repoDir, (Join-Path $Out "DockerHarden.$Version.nupkg")
    New-Item -ItemType Directory -Force -Path $repoDir | Out-Null
    Register-PSResourceRepository -Name $repoName -Uri $repoDir -Trusted
    try {
        Publish-PSResource -Path $ModuleOut -Repository $repoName -DestinationPath $Out
    }
    finally {
        Unregister-PSResourceRepository -Name $repoName
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $repoDir
    }
    $package = Join-Path $Out "DockerHarden.$Version.nupkg"
    if (-not (Test-Path $package)) { throw "Publish-PSResource did not produce $package" }
    $leftovers = [IO.Compression.ZipFile]::OpenRead($package).Entries.FullName | Where-Object { $_ -match '\.pdb$|System\.Management\.Automation\.dll$|(^|/)(bin|obj)/' }
    if ($leftovers) { throw "Build leftovers inside the package: $($leftovers -join ', ')" }
    Write-Host "Packaged $package"
    $package
}

function Get-TestToolPath {
    # Pester and the isolation test's foreign assemblies come from NuGet (no Gallery here).
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tools/TestTools.proj'), '--nologo', '-v', 'q')
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    [pscustomobject]@{
        Pester     = Join-Path $cache 'pester/6.2.0/tools/Pester.psd1'
        YamlDotNet = Join-Path $cache 'yamldotnet/11.2.1/lib/netstandard2.1/YamlDotNet.dll'
        Logging    = Join-Path $cache 'microsoft.extensions.logging.abstractions/6.0.0/lib/net6.0/Microsoft.Extensions.Logging.Abstractions.dll'
    }
}

function Read-TrxCount([string] $Path) {
    [xml] $trx = Get-Content -Raw $Path
    $c = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout; Skipped = [int]$c.notExecuted }
}

function Invoke-Test {
    Assert-BuildModule @($Requirements.Keys)
    Invoke-Analyze
    $env:DOCKERHARDEN_PACKAGE = Invoke-Package
    $tools = Get-TestToolPath
    Import-Module (Join-Path $Root 'tests/TestEngine.psm1') -Force
    Initialize-TestEngine | Out-Null
    Initialize-TestImage | Out-Null

    $results = Join-Path $Out 'test-results'
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $results
    New-Item -ItemType Directory -Force -Path $results | Out-Null
    $totals = [ordered]@{}

    & dotnet test (Join-Path $Root 'tests/DockerHarden.Tests/DockerHarden.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --results-directory $results
    $trx = Join-Path $results 'xunit.trx'
    $totals['xunit'] = if (Test-Path $trx) { Read-TrxCount $trx } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $env:DOCKERHARDEN_MODULE = Join-Path $ModuleOut 'DockerHarden.psd1'
    $env:DOCKERHARDEN_PESTER = $tools.Pester
    $env:DOCKERHARDEN_FOREIGN_YAMLDOTNET = $tools.YamlDotNet
    $env:DOCKERHARDEN_FOREIGN_LOGGING = $tools.Logging
    $pesterJson = Join-Path $results 'pester.json'
    # Through the environment: pwsh on Unix would expand a bare '*' argument into file names.
    $env:DOCKERHARDEN_TEST_FILTER = $Filter
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tests/Invoke-PesterSuites.ps1') -ResultPath $pesterJson
    $totals['pester'] = if (Test-Path $pesterJson) { Get-Content -Raw $pesterJson | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    foreach ($suite in $totals.Keys) {
        $t = $totals[$suite]
        Write-Host ("{0,-7} {1} passed, {2} failed, {3} skipped" -f $suite, $t.Passed, $t.Failed, $t.Skipped)
    }
    $passed = ($totals.Values | Measure-Object Passed -Sum).Sum
    $failed = ($totals.Values | Measure-Object Failed -Sum).Sum
    $skipped = ($totals.Values | Measure-Object Skipped -Sum).Sum
    Write-Host "$passed passed, $failed failed, $skipped skipped"
    if ($failed -gt 0) { exit 1 }
}

function Invoke-Audit {
    Invoke-Build
    $module = Join-Path $ModuleOut 'DockerHarden.psd1'
    & $Pwsh -NoProfile -NonInteractive -Command @"
Import-Module '$module'
`$daemon = Test-DaemonHardening
`$daemon | Format-Table -AutoSize | Out-String -Width 200
`$daemon.Findings | Where-Object Status -in 'Fail', 'Warn' | Format-Table RuleId, Severity, Status, Evidence -AutoSize -Wrap | Out-String -Width 200
`$reports = Get-ContainerHardening -All
if (-not `$reports) { 'No containers on this engine.' ; return }
`$reports | Format-Table -AutoSize | Out-String -Width 200
`$reports | ForEach-Object { "== `$(`$_.Name)"; `$_.Findings | Where-Object Status -in 'Fail', 'Warn' | Format-Table RuleId, Severity, Status, Evidence -AutoSize -Wrap | Out-String -Width 200 }
"@
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

function Invoke-Bench {
    Invoke-Build
    Import-Module (Join-Path $Root 'tests/TestEngine.psm1') -Force
    Initialize-TestEngine | Out-Null
    Initialize-TestImage | Out-Null
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Measure-Audit.ps1') -ModulePath (Join-Path $ModuleOut 'DockerHarden.psd1') -Count $Count -PwshPath $Pwsh
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Measure-Compose.ps1') -ModulePath (Join-Path $ModuleOut 'DockerHarden.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    & $Pwsh -NoProfile -NonInteractive -File (Join-Path $Root 'tools/Measure-Service.ps1') -ModulePath (Join-Path $ModuleOut 'DockerHarden.psd1')
    if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
}

switch ($Task) {
    'Clean' { Invoke-Clean }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Audit' { Invoke-Audit }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package | Out-Null }
    'Analyze' { Invoke-Analyze }
    'Bootstrap' { Invoke-Bootstrap }
}
