@{
    Description = 'No version key; pid and ipc host'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'app'; Rule = 'DH111'; Status = 'Fail'; Line = 5 }
        @{ Service = 'app'; Rule = 'DH112'; Status = 'Fail'; Line = 6 }
        @{ Service = 'app'; Rule = 'DH109'; Status = 'Pass'; Line = 2 }
    )
}
