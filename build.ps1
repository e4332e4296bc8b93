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
    Analyze  runs PSScriptAnalyzer with PSScriptAnalyzerSettings.psd1 when it is installed (skips otherwise).
    Bench    builds and measures Get-ContainerHardening against raw docker inspect (-Count containers), then
             Get-ComposeHardening and Repair-ComposeFile -WhatIf on generated files of 50, 500 and 5000 services, and
             the compose corpus as a whole process beside the warm audit (and compose-lint, with COMPOSE_LINT_SOURCE).
    Package  builds and packs out/DockerHarden.<version>.nupkg with Publish-PSResource (the Gallery artefact).
.EXAMPLE
    pwsh ./build.ps1 -Task Test
.EXAMPLE
    pwsh ./build.ps1 -Task Bench -Count 50
#>
[CmdletBinding()]
param(
    [ValidateSet('Clean', 'Build', 'Test', 'Audit', 'Package', 'Bench', 'Analyze')]
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

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    # Tool output is for the reader, never a function's return value.
    & $FilePath @ArgumentList | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "$FilePath $($ArgumentList -join ' ') failed with exit code $LASTEXITCODE" }
}

function Invoke-Clean {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Out
    Get-ChildItem -Path $Root -Directory -Recurse -Include bin, obj | Remove-Item -Recurse -Force -ErrorAction SilentlyContinue
}

function Invoke-Build {
    Invoke-Native dotnet @('build', (Join-Path $Root 'src/DockerHarden.Adapters/DockerHarden.Adapters.csproj'), '-c', $Configuration, '--nologo', '-v', 'q', "-p:Version=$Version")
    $moduleBin = Join-Path $Root "src/DockerHarden/bin/$Configuration/net8.0"
    $adapterBin = Join-Path $Root "src/DockerHarden.Adapters/bin/$Configuration/net8.0"

    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $ModuleOut
    $deps = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleOut 'dependencies')
    Copy-Item (Join-Path $moduleBin 'DockerHarden.dll') $ModuleOut
    Copy-Item (Join-Path $Root 'DockerHarden.psd1'), (Join-Path $Root 'src/DockerHarden/DockerHarden.Format.ps1xml'), (Join-Path $Root 'src/DockerHarden/DockerHarden.Types.ps1xml'), (Join-Path $Root 'LICENSE') $ModuleOut
    Copy-Item (Join-Path $adapterBin 'DockerHarden.Adapters.dll') $deps
    Update-PSModuleManifest -Path (Join-Path $ModuleOut 'DockerHarden.psd1') -ReleaseNotes (Get-ReleaseNote)

    $shipped = Get-ChildItem $adapterBin -Filter *.dll | Where-Object Name -NotIn @('DockerHarden.dll', 'DockerHarden.Adapters.dll')
    $unexpected = $shipped | Where-Object Name -NotIn $Dependencies
    if ($unexpected) { throw "Dependencies not on the allow-list in build.ps1: $($unexpected.Name -join ', ')" }
    foreach ($name in $Dependencies) {
        $file = Join-Path $adapterBin $name
        if (-not (Test-Path $file)) { throw "Allow-listed dependency $name is missing from $adapterBin" }
        Copy-Item $file $deps
    }

    $help = New-Item -ItemType Directory -Force -Path (Join-Path $ModuleOut 'en-US')
    # The MAML generator (which also copies the about_ topics) imports the built module, so it runs in a child process that can unload it.
    Invoke-Native $Pwsh @('-NoProfile', '-NonInteractive', '-File', (Join-Path $Root 'tools/New-MamlHelp.ps1'),
        '-ModulePath', (Join-Path $ModuleOut 'DockerHarden.psd1'), '-MarkdownPath', (Join-Path $Root 'en-US'),
        '-OutputPath', (Join-Path $help 'DockerHarden.dll-Help.xml'), '-Strict')

    Write-Host "Built $ModuleOut"
}

function Invoke-Analyze {
    # PSScriptAnalyzer comes from the Gallery, which is not reachable everywhere: skip with a word when it is missing.
    if (-not (Get-Module -ListAvailable PSScriptAnalyzer)) {
        Write-Host 'PSScriptAnalyzer is not installed (Install-PSResource PSScriptAnalyzer); skipping the script analysis.'
        return
    }
    Invoke-Native $Pwsh @('-NoProfile', '-Command', "Invoke-ScriptAnalyzer -Path '$Root' -Recurse -Settings '$Root/PSScriptAnalyzerSettings.psd1' -EnableExit")
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

function Read-TrxCounts([string] $Path) {
    [xml] $trx = Get-Content -Raw $Path
    $c = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{ Passed = [int]$c.passed; Failed = [int]$c.failed + [int]$c.error + [int]$c.timeout; Skipped = [int]$c.notExecuted }
}

function Invoke-Test {
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
    $totals['xunit'] = if (Test-Path $trx) { Read-TrxCounts $trx } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

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
}

switch ($Task) {
    'Clean' { Invoke-Clean }
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Audit' { Invoke-Audit }
    'Bench' { Invoke-Bench }
    'Package' { Invoke-Package | Out-Null }
    'Analyze' { Invoke-Analyze }
}
