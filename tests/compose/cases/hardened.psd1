@{
    Description = 'Already compliant: nothing changes'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Changes = 0
    Audit = @(
        @{ Service = 'ok'; Rule = 'DH101'; Status = 'Pass'; Line = 6 }
        @{ Service = 'ok'; Rule = 'DH102'; Status = 'Pass'; Line = 7 }
        @{ Service = 'ok'; Rule = 'DH117'; Status = 'Pass'; Line = 12 }
        @{ Service = 'ok'; Rule = 'DH125'; Status = 'Pass'; Line = 16 }
        @{ Service = 'ok'; Rule = 'DH128'; Status = 'Pass'; Line = 19 }
        @{ Service = 'ok'; Rule = 'DH129'; Status = 'Pass'; Line = 22 }
        @{ Service = 'ok'; Rule = 'DH120'; Status = 'NotApplicable'; Line = 3 }
    )
}
