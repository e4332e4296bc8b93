@{
    Description = 'SETGID is counted as SETUID is: added to the default set it fails at High'
    Repair = @{ ExcludeRule = @('DH103') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'gid'; Rule = 'DH103'; Status = 'Fail'; Severity = 'High'; Line = 4 }
    )
}
