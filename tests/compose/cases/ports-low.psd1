@{
    Description = 'DH126 binds a port below 1024 to 127.0.0.1; DH133 (CIS 5.8) still warns and is reported in Skipped'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'low'; Rule = 'DH126'; Status = 'Warn'; Line = 5 }
        @{ Service = 'low'; Rule = 'DH133'; Status = 'Warn'; Line = 5 }
    )
    Skipped = @(
        @{ Service = 'low'; Rule = 'DH133' }
    )
}
