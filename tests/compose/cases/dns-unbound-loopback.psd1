@{
    Description = 'a resolver bound to 127.0.0.1: DH126 passes, the port below 1024 still warns'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'unbound'; Rule = 'DH126'; Status = 'Pass'; Line = 4 }
        @{ Service = 'unbound'; Rule = 'DH133'; Status = 'Warn'; Line = 4 }
        @{ Service = 'unbound'; Rule = 'DH129'; Status = 'Pass'; Line = 7 }
    )
}
