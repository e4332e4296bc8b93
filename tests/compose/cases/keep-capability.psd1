@{
    Description = '-Rule DH103 (a decision) with -KeepCapability keeps CHOWN: SETUID removed, DH103 reported as still failing'
    Repair = @{ Rule = @('DH1*', 'DH103'); KeepCapability = @('CHOWN') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'k'; Rule = 'DH102'; Status = 'Pass'; Line = 5 }
        @{ Service = 'k'; Rule = 'DH103'; Status = 'Fail'; Line = 7 }
    )
    Skipped = @(
        @{ Service = 'k'; Rule = 'DH103' }
    )
}
