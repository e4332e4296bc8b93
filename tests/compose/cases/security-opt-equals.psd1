@{
    Description = 'security_opt with = spelling: seccomp=unconfined removed, no-new-privileges=false turned true'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 's'; Rule = 'DH123'; Status = 'Fail'; Line = 5 }
        @{ Service = 's'; Rule = 'DH122'; Status = 'Fail'; Line = 5 }
        @{ Service = 's'; Rule = 'DH124'; Status = 'Fail'; Line = 5 }
    )
}
