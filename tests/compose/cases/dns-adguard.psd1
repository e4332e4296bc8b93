@{
    Description = 'AdGuard Home: DNS over TCP and UDP, a setup port'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'adguardhome'; Rule = 'DH126'; Status = 'Warn'; Line = 8 }
        @{ Service = 'adguardhome'; Rule = 'DH133'; Status = 'Warn'; Line = 8 }
        @{ Service = 'adguardhome'; Rule = 'DH131'; Status = 'Pass'; Line = 3 }
    )
}
