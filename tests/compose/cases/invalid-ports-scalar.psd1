@{
    Description = 'ports: 8080 is a single value where compose expects a list'
    Repair = @{}
    ComposeConfig = $false
    RealRun = $false
    Audit = @(
        @{ Service = 'odd'; Rule = 'DH126'; Status = 'Warn'; Line = 4 }
        @{ Service = 'odd'; Rule = 'DH133'; Status = 'Warn'; Line = 4 }
    )
}
