@{
    Description = '[::]:8443:443 binds every IPv6 interface'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'tls'; Rule = 'DH126'; Status = 'Warn'; Line = 4 }
    )
}
