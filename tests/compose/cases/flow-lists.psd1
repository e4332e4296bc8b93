@{
    Description = 'Flow lists are rewritten as flow lists, items copied as written'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'svc'; Rule = 'DH103'; Status = 'Fail'; Line = 5 }
        @{ Service = 'svc'; Rule = 'DH102'; Status = 'Fail'; Line = 6 }
        @{ Service = 'svc'; Rule = 'DH123'; Status = 'Fail'; Line = 7 }
    )
}
