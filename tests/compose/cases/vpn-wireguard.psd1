@{
    Description = 'WireGuard: NET_ADMIN and SYS_MODULE, /lib/modules, a UDP port'
    Repair = @{ ExcludeRule = @('DH103') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'wireguard'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Critical'; Line = 5 }
        @{ Service = 'wireguard'; Rule = 'DH105'; Status = 'Fail'; Severity = 'High'; Line = 13 }
        @{ Service = 'wireguard'; Rule = 'DH126'; Status = 'Warn'; Line = 16 }
        @{ Service = 'wireguard'; Rule = 'DH133'; Status = 'Pass'; Line = 16 }
    )
}
