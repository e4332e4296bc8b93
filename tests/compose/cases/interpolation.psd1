@{
    Description = '${VAR:-default} is judged by its default; ${VAR} without default is a Warn and is not rewritten'
    Repair = @{}
    Environment = @{ CPUS = '0.5'; PRIV = 'false' }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'vars'; Rule = 'DH116'; Status = 'Pass'; Line = 5 }
        @{ Service = 'vars'; Rule = 'DH117'; Status = 'Warn'; Line = 5 }
        @{ Service = 'vars'; Rule = 'DH118'; Status = 'Warn'; Line = 6 }
        @{ Service = 'vars'; Rule = 'DH104'; Status = 'Warn'; Line = 7 }
        @{ Service = 'vars'; Rule = 'DH130'; Status = 'Fail'; Line = 8 }
        @{ Service = 'vars'; Rule = 'DH131'; Status = 'Pass'; Line = 3 }
    )
    Skipped = @(
        @{ Service = 'vars'; Rule = 'DH104' }
        @{ Service = 'vars'; Rule = 'DH118' }
    )
}
