@{
    Description = 'Long syntax: an existing host_ip is rebound; without host_ip it is skipped (docker-compose 1.x rejects host_ip)'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $false
    RealRun = $false
    Audit = @(
        @{ Service = 'l'; Rule = 'DH126'; Status = 'Warn'; Line = 6 }
    )
    Skipped = @(
        @{ Service = 'l'; Rule = 'DH126' }
    )
}
