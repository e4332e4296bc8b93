@{
    Description = 'user ''0:${GID}'' is root whatever the group (Fail); ''1000:${GID}'' is not (Pass)'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Environment = @{ GID = '1000'; UID = '1000' }
    Audit = @(
        @{ Service = 'rootgroup'; Rule = 'DH101'; Status = 'Fail'; Line = 4 }
        @{ Service = 'appuser'; Rule = 'DH101'; Status = 'Pass'; Line = 7 }
        @{ Service = 'unknown'; Rule = 'DH101'; Status = 'Warn'; Line = 10 }
    )
}
