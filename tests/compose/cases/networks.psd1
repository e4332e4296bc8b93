@{
    Description = 'Services sharing a network with a publisher (DH110), network_mode bridge (DH109), external network'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'front'; Rule = 'DH110'; Status = 'Warn'; Line = 4 }
        @{ Service = 'back1'; Rule = 'DH109'; Status = 'Pass'; Line = 9 }
        @{ Service = 'legacy'; Rule = 'DH109'; Status = 'Fail'; Line = 17 }
    )
}
