@{
    Description = 'stable, lts, edge, mainline, alpine, stable-alpine and ${TAG:-latest} float; 1.27-alpine is pinned'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'a'; Rule = 'DH131'; Status = 'Fail'; Line = 3 }
        @{ Service = 'b'; Rule = 'DH131'; Status = 'Fail'; Line = 5 }
        @{ Service = 'c'; Rule = 'DH131'; Status = 'Fail'; Line = 7 }
        @{ Service = 'd'; Rule = 'DH131'; Status = 'Fail'; Line = 9 }
        @{ Service = 'e'; Rule = 'DH131'; Status = 'Fail'; Line = 11 }
        @{ Service = 'f'; Rule = 'DH131'; Status = 'Fail'; Line = 13 }
        @{ Service = 'g'; Rule = 'DH131'; Status = 'Fail'; Line = 15 }
        @{ Service = 'h'; Rule = 'DH131'; Status = 'Pass'; Line = 17 }
    )
}
