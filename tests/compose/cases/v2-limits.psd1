@{
    Description = 'A 2.4 file with its own limits: only memswap is added, -Memory/-Cpus/-PidsLimit do not touch existing limits'
    Repair = @{ Memory = '512m'; Cpus = 2; PidsLimit = 200 }
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'api'; Rule = 'DH116'; Status = 'Pass'; Line = 6 }
        @{ Service = 'api'; Rule = 'DH117'; Status = 'Warn'; Line = 6 }
        @{ Service = 'api'; Rule = 'DH118'; Status = 'Pass'; Line = 7 }
        @{ Service = 'api'; Rule = 'DH121'; Status = 'Pass'; Line = 8 }
    )
}
