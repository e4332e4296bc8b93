# The real install path: the package that build.ps1 -Task Package made, published to a throwaway folder
# repository, installed by PSResourceGet into an empty module path, imported by name in a fresh pwsh.
BeforeAll {
    if (-not $env:DOCKERHARDEN_PACKAGE -or -not (Test-Path $env:DOCKERHARDEN_PACKAGE)) {
        throw 'DOCKERHARDEN_PACKAGE is not set or missing: run the suites through build.ps1 -Task Test.'
    }
    $script:Manifest = Import-PowerShellDataFile $env:DOCKERHARDEN_MODULE
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "dh-package-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $script:RepoName = "DockerHardenTest-$(Split-Path $Work -Leaf)"
    $repo = New-Item -ItemType Directory -Force -Path (Join-Path $Work 'repo')
    $script:ModulesDir = New-Item -ItemType Directory -Force -Path (Join-Path $Work 'modules')
    Copy-Item $env:DOCKERHARDEN_PACKAGE $repo
    Register-PSResourceRepository -Name $RepoName -Uri $repo.FullName -Trusted
    $script:Found = Find-PSResource -Name DockerHarden -Repository $RepoName
    Save-PSResource -Name DockerHarden -Repository $RepoName -Path $ModulesDir.FullName -TrustRepository
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $script:Pwsh = Get-PwshPath
    $script:Entries = [IO.Compression.ZipFile]::OpenRead($env:DOCKERHARDEN_PACKAGE).Entries.FullName
}

AfterAll {
    Unregister-PSResourceRepository -Name $RepoName -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Work
}

Describe 'The Gallery package' {
    It 'is found in the repository with the manifest version, description and tags' {
        $Found.Version.ToString() | Should -Be $Manifest.ModuleVersion
        $Found.Description | Should -Not -BeNullOrEmpty
        foreach ($tag in 'Docker', 'Security', 'Hardening', 'CIS', 'Compose', 'Linux', 'Windows', 'PSEdition_Core') {
            $Found.Tags | Should -Contain $tag
        }
        $Found.ProjectUri | Should -Not -BeNullOrEmpty
        $Found.LicenseUri | Should -Not -BeNullOrEmpty
    }

    It 'carries the release notes of this version from CHANGELOG.md' {
        $Found.ReleaseNotes | Should -Match 'Get-ContainerHardening'
        $Found.ReleaseNotes | Should -Not -Be 'See CHANGELOG.md'
    }

    It 'holds the module, its help and its dependencies, and no build leftovers' {
        $Entries | Should -Contain 'DockerHarden.dll'
        $Entries | Should -Contain 'DockerHarden.psd1'
        $Entries | Should -Contain 'en-US/DockerHarden.dll-Help.xml'
        $Entries | Should -Contain 'dependencies/DockerHarden.Adapters.dll'
        $Entries | Should -Contain 'DockerHarden.Format.ps1xml'
        $Entries | Should -Contain 'DockerHarden.Types.ps1xml'
        $Entries | Where-Object { $_ -match '\.pdb$|System\.Management\.Automation\.dll$|(^|/)(obj|bin)/' } | Should -BeNullOrEmpty
    }

    It 'installs, imports by name in a fresh pwsh, and runs' {
        $script = {
            param($ModulesDir)
            $env:PSModulePath = $ModulesDir
            Import-Module DockerHarden -ErrorAction Stop
            $module = Get-Module DockerHarden
            [pscustomobject]@{
                Path         = $module.ModuleBase
                Version      = $module.Version.ToString()
                Assembly     = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $module.ModuleBase 'DockerHarden.dll')).Version.ToString(3)
                Cmdlets      = @($module.ExportedCmdlets.Keys | Sort-Object)
                Rules        = @(Get-HardeningRule).Count
                HasHelp      = [bool](Get-Help Get-ContainerHardening).Examples
            } | ConvertTo-Json -Compress
        }
        $json = & $Pwsh -NoProfile -NonInteractive -Command $script -args $ModulesDir.FullName
        $LASTEXITCODE | Should -Be 0
        $result = $json | Select-Object -Last 1 | ConvertFrom-Json
        $result.Path | Should -BeLike "$($ModulesDir.FullName)*"
        $result.Version | Should -Be $Manifest.ModuleVersion
        $result.Assembly | Should -Be $Manifest.ModuleVersion
        $result.Cmdlets | Should -Be @($Manifest.CmdletsToExport | Sort-Object)
        $result.Rules | Should -BeGreaterThan 30
        $result.HasHelp | Should -BeTrue
    }
}
