@{
    Description = 'deploy.resources.reservations.memory 1g with deploy limits: the fix writes limits.memory 1024m'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'search'; Rule = 'DH116'; Status = 'Fail'; Line = 3 }
        @{ Service = 'search'; Rule = 'DH118'; Status = 'Pass'; Line = 8 }
    )
}
