@{
    Description = 'restart always, bounded, too many retries, deploy.restart_policy'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'always'; Rule = 'DH129'; Status = 'Fail'; Line = 4 }
        @{ Service = 'bounded'; Rule = 'DH129'; Status = 'Pass'; Line = 7 }
        @{ Service = 'many'; Rule = 'DH129'; Status = 'Fail'; Line = 10 }
        @{ Service = 'swarm'; Rule = 'DH129'; Status = 'Pass'; Line = 14 }
    )
}
