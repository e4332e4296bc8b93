@{
    Description = 'Traefik: the docker socket read-only is still Critical, ports 80 and 443 on every interface'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'traefik'; Rule = 'DH106'; Status = 'Fail'; Severity = 'Critical'; Line = 11 }
        @{ Service = 'traefik'; Rule = 'DH126'; Status = 'Warn'; Line = 8 }
        @{ Service = 'traefik'; Rule = 'DH133'; Status = 'Warn'; Line = 8 }
        @{ Service = 'whoami'; Rule = 'DH126'; Status = 'Pass'; Line = 14 }
    )
}
