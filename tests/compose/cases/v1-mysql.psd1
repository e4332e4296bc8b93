@{
    Description = 'a version-1 MySQL service with a literal root password'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'db'; Rule = 'DH130'; Status = 'Fail'; Line = 3 }
        @{ Service = 'db'; Rule = 'DH109'; Status = 'Fail'; Line = 1 }
    )
}
