@{
    Description = 'Values from an anchor merged into two services: overrides inside each service, the anchor untouched'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'one'; Rule = 'DH104'; Status = 'Fail'; Line = 4 }
        @{ Service = 'two'; Rule = 'DH103'; Status = 'Fail'; Line = 5 }
        @{ Service = 'two'; Rule = 'DH104'; Status = 'Fail'; Line = 4 }
    )
}
