@{
    Description = 'logging.driver none, json-file, syslog'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'none'; Rule = 'DH125'; Status = 'Fail'; Line = 5 }
        @{ Service = 'json'; Rule = 'DH125'; Status = 'Warn'; Line = 9 }
        @{ Service = 'shipped'; Rule = 'DH125'; Status = 'Pass'; Line = 13 }
    )
}
