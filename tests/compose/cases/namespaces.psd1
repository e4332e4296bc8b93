@{
    Description = 'pid, ipc, userns_mode, cgroup_parent and uts removed (docker-compose 1.x rejects uts, so only the output is valid there)'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'ns'; Rule = 'DH111'; Status = 'Fail'; Line = 5 }
        @{ Service = 'ns'; Rule = 'DH112'; Status = 'Fail'; Line = 6 }
        @{ Service = 'ns'; Rule = 'DH114'; Status = 'Warn'; Line = 7 }
        @{ Service = 'ns'; Rule = 'DH115'; Status = 'Fail'; Line = 8 }
        @{ Service = 'ns'; Rule = 'DH113'; Status = 'Fail'; Line = 9 }
        @{ Service = 'peer'; Rule = 'DH111'; Status = 'Fail'; Line = 13 }
    )
}
