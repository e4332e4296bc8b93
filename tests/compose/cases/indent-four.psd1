@{
    Description = 'Four-space indentation and sequences at the key column are kept'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'wide'; Rule = 'DH103'; Status = 'Fail'; Line = 5 }
        @{ Service = 'wide'; Rule = 'DH123'; Status = 'Fail'; Line = 8 }
    )
}
