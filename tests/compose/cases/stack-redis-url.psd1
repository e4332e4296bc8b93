@{
    Description = 'a redis:// URL with an empty user and a password'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'app'; Rule = 'DH130'; Status = 'Fail'; Line = 7 }
        @{ Service = 'cache'; Rule = 'DH130'; Status = 'Pass'; Line = 2 }
        @{ Service = 'cache'; Rule = 'DH131'; Status = 'Pass'; Line = 3 }
    )
}
