@{
    Description = 'healthcheck defined (Pass), disabled (Fail), absent (Warn: the image may have one)'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'has'; Rule = 'DH128'; Status = 'Pass'; Line = 4 }
        @{ Service = 'disabled'; Rule = 'DH128'; Status = 'Fail'; Line = 8 }
        @{ Service = 'none'; Rule = 'DH128'; Status = 'Warn'; Line = 10 }
        @{ Service = 'shell'; Rule = 'DH128'; Status = 'Pass'; Line = 14 }
    )
}
