@{
    Description = 'Lists of anchors: the first anchor that has a key wins, local keys win over both'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'first'; Rule = 'DH112'; Status = 'Fail'; Line = 7 }
        @{ Service = 'first'; Rule = 'DH117'; Status = 'Warn'; Line = 3 }
        @{ Service = 'second'; Rule = 'DH112'; Status = 'Pass'; Line = 14 }
        @{ Service = 'second'; Rule = 'DH117'; Status = 'Warn'; Line = 5 }
        @{ Service = 'first'; Rule = 'DH116'; Status = 'Pass'; Line = 3 }
    )
}
