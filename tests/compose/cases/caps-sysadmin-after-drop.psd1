@{
    Description = 'cap_drop ALL with SYS_ADMIN added back stays Critical'
    Repair = @{ ExcludeRule = @('DH103') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'fuse'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Critical'; Line = 5 }
        @{ Service = 'fuse'; Rule = 'DH107'; Status = 'Warn'; Line = 6 }
    )
}
