@{
    Description = 'Version 1 (services at the top level): audited as docker-compose 1.x reads it; repaired with version-1 keys only'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Skipped = @(
        @{ Service = 'web'; Rule = 'DH118' }
        @{ Service = 'web'; Rule = 'DH119' }
        @{ Service = 'web'; Rule = 'DH121' }
    )
    Audit = @(
        @{ Service = 'web'; Rule = 'DH104'; Status = 'Fail'; Line = 5 }
        @{ Service = 'web'; Rule = 'DH123'; Status = 'Fail'; Line = 9 }
        @{ Service = 'web'; Rule = 'DH109'; Status = 'Fail'; Line = 2 }
        @{ Service = 'worker'; Rule = 'DH111'; Status = 'Fail'; Line = 15 }
        @{ Service = 'worker'; Rule = 'DH125'; Status = 'Warn'; Line = 16 }
    )
}
