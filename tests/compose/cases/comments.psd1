@{
    Description = 'Comments, blank lines and trailing comments survive'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'web'; Rule = 'DH104'; Status = 'Fail'; Line = 11 }
        @{ Service = 'web'; Rule = 'DH103'; Status = 'Fail'; Line = 14 }
        @{ Service = 'db'; Rule = 'DH104'; Status = 'Pass'; Line = 21 }
    )
}
