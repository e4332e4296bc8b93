@{
    Description = 'environment as map and list; values never appear in evidence'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'maplike'; Rule = 'DH130'; Status = 'Fail'; Line = 4 }
        @{ Service = 'listlike'; Rule = 'DH130'; Status = 'Fail'; Line = 11 }
    )
}
