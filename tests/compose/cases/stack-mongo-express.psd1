@{
    Description = 'mongo + mongo-express: a root password and a mongodb:// URL with credentials'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'mongo'; Rule = 'DH130'; Status = 'Fail'; Line = 5 }
        @{ Service = 'mongo-express'; Rule = 'DH130'; Status = 'Fail'; Line = 14 }
        @{ Service = 'mongo-express'; Rule = 'DH126'; Status = 'Warn'; Line = 12 }
    )
}
