@{
    Description = 'network_mode host removed with -Rule DH108; network_mode bridge is DH109'
    Repair = @{ Rule = @('DH108') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'h'; Rule = 'DH108'; Status = 'Fail'; Line = 5 }
        @{ Service = 'b'; Rule = 'DH109'; Status = 'Fail'; Line = 9 }
        @{ Service = 'h'; Rule = 'DH109'; Status = 'Pass'; Line = 5 }
    )
}
