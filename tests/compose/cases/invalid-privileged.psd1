@{
    Description = 'privileged: ''maybe'' is not a boolean: a finding with its line, never read as false'
    Repair = @{}
    ComposeConfig = $false
    RealRun = $false
    Audit = @(
        @{ Service = 'odd'; Rule = 'DH104'; Status = 'Warn'; Line = 4 }
        @{ Service = 'odd'; Rule = 'DH103'; Status = 'Warn'; Line = 4 }
    )
}
