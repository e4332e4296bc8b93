@{
    Description = 'Gitea: GITEA__database__PASSWD is a credential, USER_UID is not; SSH on 222'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'server'; Rule = 'DH130'; Status = 'Fail'; Line = 4 }
        @{ Service = 'server'; Rule = 'DH105'; Status = 'Pass'; Line = 11 }
        @{ Service = 'server'; Rule = 'DH133'; Status = 'Warn'; Line = 15 }
        @{ Service = 'db'; Rule = 'DH130'; Status = 'Fail'; Line = 20 }
    )
}
