@{
    Description = 'OpenVPN: NET_ADMIN, /dev/net/tun with default permissions, UDP 1194'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'openvpn'; Rule = 'DH107'; Status = 'Fail'; Line = 7 }
        @{ Service = 'openvpn'; Rule = 'DH103'; Status = 'Fail'; Severity = 'High'; Line = 5 }
        @{ Service = 'openvpn'; Rule = 'DH126'; Status = 'Warn'; Line = 9 }
    )
}
