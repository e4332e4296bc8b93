@{
    Description = 'a version-1 file: web and redis on the default bridge, links'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'web'; Rule = 'DH109'; Status = 'Fail'; Line = 1 }
        @{ Service = 'web'; Rule = 'DH126'; Status = 'Warn'; Line = 3 }
        @{ Service = 'web'; Rule = 'DH130'; Status = 'Pass'; Line = 7 }
        @{ Service = 'redis'; Rule = 'DH109'; Status = 'Fail'; Line = 9 }
    )
}
