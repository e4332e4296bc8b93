@{
    Description = 'Services written as flow mappings get their keys inside the braces'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'tiny'; Rule = 'DH104'; Status = 'Fail'; Line = 2 }
        @{ Service = 'empty'; Rule = 'DH104'; Status = 'Pass'; Line = 3 }
    )
}
