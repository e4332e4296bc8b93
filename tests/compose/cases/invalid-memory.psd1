@{
    Description = 'mem_limit: lots is not a size: a finding with its line, never read as no limit, and not rewritten'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'odd'; Rule = 'DH116'; Status = 'Warn'; Line = 4 }
        @{ Service = 'odd'; Rule = 'DH117'; Status = 'Warn'; Line = 4 }
    )
}
