# Build-time modules, declared once, in the format Install-PSResource -RequiredResourceFile reads.
# build.ps1 -Task Bootstrap installs them; every other task looks them up on PSModulePath (exact versions).
@{
    # Help: MAML from en-US/*.md, and the check that the pages match the built cmdlets.
    'Microsoft.PowerShell.PlatyPS' = @{ version = '[1.0.3]' }
    # Script analysis of build.ps1, tools/ and tests/ under PSScriptAnalyzerSettings.psd1.
    'PSScriptAnalyzer'             = @{ version = '[1.25.0]' }
}
