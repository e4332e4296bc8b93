@{
    Description = 'Devices short and long, device_cgroup_rules (audit only)'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'd'; Rule = 'DH107'; Status = 'Pass'; Line = 5 }
        @{ Service = 'e'; Rule = 'DH107'; Status = 'Fail'; Line = 10 }
    )
}
