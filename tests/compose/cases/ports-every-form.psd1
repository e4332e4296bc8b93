@{
    Description = 'every short-syntax form: bare ports, ranges, an address without host port, IPv6 in brackets, 0.0.0.0, UDP; -Rule DH126 binds them all to 127.0.0.1'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'gateway'; Rule = 'DH126'; Status = 'Warn'; Line = 4 }
        @{ Service = 'gateway'; Rule = 'DH133'; Status = 'Pass'; Line = 4 }
        @{ Service = 'gateway'; Rule = 'DH110'; Status = 'Pass'; Line = 4 }
    )
}
