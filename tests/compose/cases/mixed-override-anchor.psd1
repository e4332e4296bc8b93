@{
    Description = 'Anchored security_opt and memswap -1 overridden; a local flow list extended'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'a'; Rule = 'DH117'; Status = 'Fail'; Line = 3 }
        @{ Service = 'a'; Rule = 'DH123'; Status = 'Fail'; Line = 4 }
        @{ Service = 'b'; Rule = 'DH123'; Status = 'Pass'; Line = 17 }
        @{ Service = 'b'; Rule = 'DH124'; Status = 'Fail'; Line = 17 }
    )
}
