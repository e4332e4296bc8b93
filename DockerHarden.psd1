@{
    # No RootModule here: DockerHarden.dll exists only in the built module, and Test-ModuleManifest must pass in a
    # clone. build.ps1 stamps RootModule = 'DockerHarden.dll' into out/DockerHarden/DockerHarden.psd1.
    ModuleVersion        = '0.1.0'
    CompatiblePSEditions = @('Core')
    GUID                 = '6f1d7c3e-2b84-4e0a-9a55-3c9d0e7b21a4'
    Author               = 'DockerHarden contributors'
    CompanyName          = 'DockerHarden'
    Copyright            = '(c) 2026 DockerHarden contributors. MIT License.'
    Description          = 'Audits and repairs the security of Docker hosts, containers and compose files: stable rule ids (DH0xx daemon, DH1xx container) from a hardening guide and the CIS Docker Benchmark, rich objects, real fixes.'
    PowerShellVersion    = '7.4'
    # Paths in the source tree, so that this manifest is valid in a clone; build.ps1 copies each file into the
    # module folder and stamps its bare name into the built manifest.
    FormatsToProcess     = @('src/DockerHarden/DockerHarden.Format.ps1xml')
    TypesToProcess       = @('src/DockerHarden/DockerHarden.Types.ps1xml')
    CmdletsToExport      = @('Get-ContainerHardening', 'Get-HardeningRule', 'Export-HardeningReport', 'New-HardenedContainer', 'Test-DaemonHardening', 'Repair-DaemonConfiguration', 'Get-ComposeHardening', 'Repair-ComposeFile', 'Get-ServiceHardening', 'Get-ImageHardening')
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Docker', 'Security', 'Hardening', 'CIS', 'Compose', 'Audit', 'Container', 'Linux', 'Windows', 'PSEdition_Core')
            ProjectUri   = 'https://github.com/dockerharden/DockerHarden'
            LicenseUri   = 'https://github.com/dockerharden/DockerHarden/blob/main/LICENSE'
            # build.ps1 replaces this with the CHANGELOG.md section of ModuleVersion.
            ReleaseNotes = 'See CHANGELOG.md'
        }
    }
}
