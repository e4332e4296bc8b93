@{
    Description = 'mem_limit without memswap_limit: the engine doubles swap (Warn); memswap is set equal'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'm'; Rule = 'DH116'; Status = 'Pass'; Line = 5 }
        @{ Service = 'm'; Rule = 'DH117'; Status = 'Warn'; Line = 5 }
    )
}
