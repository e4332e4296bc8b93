@{
    Description = 'Single and double quotes are kept when a value is rewritten'
    Repair = @{ Rule = @('DH1*', 'DH101') }
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'q'; Rule = 'DH101'; Status = 'Fail'; Line = 5 }
        @{ Service = 'q'; Rule = 'DH117'; Status = 'Fail'; Line = 7 }
        @{ Service = 'q'; Rule = 'DH121'; Status = 'Fail'; Line = 8 }
        @{ Service = 'q'; Rule = 'DH116'; Status = 'Pass'; Line = 6 }
    )
}
