@{
    Description = 'Nextcloud + MariaDB + Redis: secrets files, a floating redis tag'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'db'; Rule = 'DH130'; Status = 'Pass'; Line = 5 }
        @{ Service = 'redis'; Rule = 'DH131'; Status = 'Fail'; Line = 10 }
        @{ Service = 'app'; Rule = 'DH126'; Status = 'Pass'; Line = 13 }
    )
}
