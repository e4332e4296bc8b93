@{
    Description = 'memswap_limit -1 (unlimited swap) is a Fail; the fix writes the memory limit and says what it replaced'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'batch'; Rule = 'DH116'; Status = 'Pass'; Line = 4 }
        @{ Service = 'batch'; Rule = 'DH117'; Status = 'Fail'; Line = 5 }
    )
}
