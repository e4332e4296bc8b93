@{
    Description = 'A service ending in a literal block scalar: new keys go before the blank line'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'script'; Rule = 'DH102'; Status = 'Fail'; Line = 2 }
    )
}
