# Settings for Invoke-ScriptAnalyzer; build.ps1 applies them when PSScriptAnalyzer is installed.
@{
    Severity     = @('Error', 'Warning')
    ExcludeRules = @(
        # Build and test scripts talk to the user on the host on purpose.
        'PSAvoidUsingWriteHost'
    )
    Rules        = @{
        PSUseCompatibleSyntax = @{ Enable = $true; TargetVersions = @('7.4') }
    }
}
