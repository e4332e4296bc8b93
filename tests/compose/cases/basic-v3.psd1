@{
    Description = 'A v3 file with privileged, SYS_ADMIN and seccomp:unconfined'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'web'; Rule = 'DH104'; Status = 'Fail'; Line = 8 }
        @{ Service = 'web'; Rule = 'DH103'; Status = 'Fail'; Line = 9 }
        @{ Service = 'web'; Rule = 'DH123'; Status = 'Fail'; Line = 12 }
        @{ Service = 'web'; Rule = 'DH122'; Status = 'Fail'; Line = 12 }
        @{ Service = 'web'; Rule = 'DH131'; Status = 'Pass'; Line = 6 }
        @{ Service = 'worker'; Rule = 'DH129'; Status = 'Pass'; Line = 18 }
        @{ Service = 'worker'; Rule = 'DH116'; Status = 'Fail'; Line = 15 }
        @{ Service = 'web'; Rule = 'DH120'; Status = 'NotApplicable'; Line = 5 }
        @{ Service = 'web'; Rule = 'DH128'; Status = 'Warn'; Line = 5 }
    )
    Skipped = @(
        @{ Service = 'web'; Rule = 'DH101' }
        @{ Service = 'worker'; Rule = 'DH101' }
    )
}
