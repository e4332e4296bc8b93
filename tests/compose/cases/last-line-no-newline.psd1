@{
    Description = 'A file whose last line has no line break'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'last'; Rule = 'DH104'; Status = 'Fail'; Line = 5 }
    )
}
