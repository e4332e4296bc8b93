@{
    Description = 'the file ends without a newline on a line the fix removes: the diff marks both sides'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'last'; Rule = 'DH104'; Status = 'Fail'; Line = 5 }
    )
}
