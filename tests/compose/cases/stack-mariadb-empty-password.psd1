@{
    Description = 'MARIADB_ALLOW_EMPTY_ROOT_PASSWORD is a toggle, not a secret'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'mariadb'; Rule = 'DH130'; Status = 'Pass'; Line = 4 }
        @{ Service = 'mariadb'; Rule = 'DH129'; Status = 'Fail'; Line = 7 }
    )
}
