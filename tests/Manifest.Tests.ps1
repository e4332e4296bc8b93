#Requires -Version 7.4
# The source manifest at the repository root is valid on its own, in a clean clone: it names no file that only the
# build makes. The built manifest names the module's own files, flat, and its root module.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
param()

BeforeAll {
    $script:Root = Split-Path $PSScriptRoot -Parent
    $script:Clone = Join-Path ([IO.Path]::GetTempPath()) "dh-manifest-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    # What a clean clone holds: the tracked files of the working tree, without out/, bin/ or obj/.
    $tracked = @(& git -C $Root ls-files)
    if ($LASTEXITCODE -ne 0 -or -not $tracked) { throw "git ls-files failed in ${Root}: the manifest test needs a git checkout." }
    foreach ($file in $tracked) {
        $source = Join-Path $Root $file
        if (-not (Test-Path -LiteralPath $source -PathType Leaf)) { continue }
        $target = Join-Path $Clone $file
        $null = New-Item -ItemType Directory -Force -Path (Split-Path $target)
        Copy-Item -LiteralPath $source -Destination $target
    }
}

AfterAll {
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Clone
}

Describe 'DockerHarden.psd1 at the repository root' {
    It 'passes Test-ModuleManifest in a clean clone' {
        $manifest = Test-ModuleManifest -Path (Join-Path $Clone 'DockerHarden.psd1') -ErrorAction Stop
        $manifest.Version.ToString() | Should -Be (Import-PowerShellDataFile (Join-Path $Root 'DockerHarden.psd1')).ModuleVersion
        @($manifest.ExportedFormatFiles) | Should -Not -BeNullOrEmpty
        @($manifest.ExportedTypeFiles) | Should -Not -BeNullOrEmpty
        foreach ($file in @($manifest.ExportedFormatFiles) + @($manifest.ExportedTypeFiles)) { $file | Should -Exist }
    }
}

Describe 'The built manifest' {
    It 'passes Test-ModuleManifest, with the dll as root module and the format and types files beside it' {
        if (-not $env:DOCKERHARDEN_MODULE) { throw 'DOCKERHARDEN_MODULE is not set: run the suites through build.ps1 -Task Test.' }
        $manifest = Test-ModuleManifest -Path $env:DOCKERHARDEN_MODULE -ErrorAction Stop
        $manifest.RootModule | Should -Be 'DockerHarden.dll'
        $folder = Split-Path $env:DOCKERHARDEN_MODULE
        foreach ($file in @($manifest.ExportedFormatFiles) + @($manifest.ExportedTypeFiles)) {
            Split-Path $file | Should -Be $folder
            $file | Should -Exist
        }
        @($manifest.ExportedCmdlets.Keys) | Should -Contain 'Get-ContainerHardening'
    }
}
