@{
    Description = 'A service that is only an alias of an extension anchor is reported and skipped'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Changes = 0
    Audit = @(
        @{ Service = 'solo'; Rule = 'DH102'; Status = 'Fail'; Line = 6 }
    )
    Skipped = @(
        @{ Service = 'solo'; Rule = 'DH102' }
        @{ Service = 'solo'; Rule = 'DH116' }
        @{ Service = 'solo'; Rule = 'DH119' }
    )
}
