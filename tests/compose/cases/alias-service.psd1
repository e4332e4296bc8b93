@{
    Description = 'A service that is an alias of another service inherits its fix'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'base'; Rule = 'DH103'; Status = 'Fail'; Line = 5 }
        @{ Service = 'copy'; Rule = 'DH103'; Status = 'Fail'; Line = 5 }
    )
}
