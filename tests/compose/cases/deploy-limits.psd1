@{
    Description = 'A service with deploy.resources.limits gets its memory limit there; memswap and pids go to service keys'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'svc'; Rule = 'DH116'; Status = 'Fail'; Line = 3 }
        @{ Service = 'svc'; Rule = 'DH118'; Status = 'Pass'; Line = 9 }
    )
}
