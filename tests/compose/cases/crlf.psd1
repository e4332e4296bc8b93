@{
    Description = 'CRLF line ends kept, also on new lines'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'win'; Rule = 'DH104'; Status = 'Fail'; Line = 6 }
        @{ Service = 'win'; Rule = 'DH103'; Status = 'Fail'; Line = 7 }
    )
}
