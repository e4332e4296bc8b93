@{
    Description = 'latest, untagged, digest, registry host:port, build only'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'latest'; Rule = 'DH131'; Status = 'Fail'; Line = 3 }
        @{ Service = 'untagged'; Rule = 'DH131'; Status = 'Fail'; Line = 5 }
        @{ Service = 'digest'; Rule = 'DH131'; Status = 'Pass'; Line = 7 }
        @{ Service = 'registry'; Rule = 'DH131'; Status = 'Fail'; Line = 9 }
        @{ Service = 'built'; Rule = 'DH131'; Status = 'NotApplicable'; Line = 10 }
    )
}
