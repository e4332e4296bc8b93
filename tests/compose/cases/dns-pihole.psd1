@{
    Description = 'Pi-hole: DNS and DHCP over UDP, NET_ADMIN, a web password, the :latest tag; -Rule DH126 binds every port, UDP included'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'pihole'; Rule = 'DH126'; Status = 'Warn'; Line = 5 }
        @{ Service = 'pihole'; Rule = 'DH133'; Status = 'Warn'; Line = 5 }
        @{ Service = 'pihole'; Rule = 'DH131'; Status = 'Fail'; Line = 4 }
        @{ Service = 'pihole'; Rule = 'DH130'; Status = 'Fail'; Line = 10 }
        @{ Service = 'pihole'; Rule = 'DH105'; Status = 'Pass'; Line = 13 }
        @{ Service = 'pihole'; Rule = 'DH103'; Status = 'Fail'; Severity = 'High'; Line = 17 }
    )
}
