@{
    Description = 'Grafana + Prometheus: an admin password, a non-root user by number, a relative config bind'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'prometheus'; Rule = 'DH101'; Status = 'Pass'; Line = 4 }
        @{ Service = 'prometheus'; Rule = 'DH105'; Status = 'Pass'; Line = 5 }
        @{ Service = 'grafana'; Rule = 'DH130'; Status = 'Fail'; Line = 11 }
    )
}
