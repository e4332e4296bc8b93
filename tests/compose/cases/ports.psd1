@{
    Description = 'DH126 named with -Rule binds short-syntax ports to 127.0.0.1'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'p'; Rule = 'DH126'; Status = 'Warn'; Line = 5 }
        @{ Service = 'p'; Rule = 'DH110'; Status = 'Pass'; Line = 5 }
    )
}
