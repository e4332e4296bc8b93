@{
    Description = 'mysql + wordpress with secrets files and a random root password toggle: DH130 passes'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'db'; Rule = 'DH130'; Status = 'Pass'; Line = 5 }
        @{ Service = 'wordpress'; Rule = 'DH130'; Status = 'Pass'; Line = 18 }
        @{ Service = 'wordpress'; Rule = 'DH126'; Status = 'Warn'; Line = 16 }
        @{ Service = 'wordpress'; Rule = 'DH131'; Status = 'Pass'; Line = 15 }
    )
}
