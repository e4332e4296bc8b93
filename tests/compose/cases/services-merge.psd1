@{
    Description = 'A service merged into services: (<<: *services) is audited and left to its anchor; a merged limit is overridden inside the service'
    Repair = @{}
    ComposeConfig = $true
    Skipped = @(
        @{ Service = 'web'; Rule = 'DH104' }
    )
    Audit = @(
        @{ Service = 'web'; Rule = 'DH104'; Status = 'Fail'; Line = 6 }
        @{ Service = 'db'; Rule = 'DH116'; Status = 'Fail'; Line = 10 }
        @{ Service = 'db'; Rule = 'DH118'; Status = 'Pass'; Line = 9 }
    )
}
