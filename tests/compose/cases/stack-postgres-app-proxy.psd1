@{
    Description = 'database + app + proxy: a literal password, a connection-string credential, a floating proxy tag, ports on every interface'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'db'; Rule = 'DH130'; Status = 'Fail'; Line = 5 }
        @{ Service = 'api'; Rule = 'DH130'; Status = 'Fail'; Line = 14 }
        @{ Service = 'api'; Rule = 'DH126'; Status = 'Warn'; Line = 17 }
        @{ Service = 'proxy'; Rule = 'DH131'; Status = 'Fail'; Line = 23 }
        @{ Service = 'proxy'; Rule = 'DH133'; Status = 'Warn'; Line = 24 }
        @{ Service = 'proxy'; Rule = 'DH105'; Status = 'Pass'; Line = 27 }
        @{ Service = 'db'; Rule = 'DH101'; Status = 'Warn'; Line = 3 }
    )
}
