@{
    Description = 'Jenkins: lts-jdk17 is a pinned variant, the docker socket is Critical, JAVA_OPTS -Xmx1024m sizes the limit'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'jenkins'; Rule = 'DH106'; Status = 'Fail'; Severity = 'Critical'; Line = 10 }
        @{ Service = 'jenkins'; Rule = 'DH101'; Status = 'Fail'; Line = 4 }
        @{ Service = 'jenkins'; Rule = 'DH131'; Status = 'Pass'; Line = 3 }
        @{ Service = 'jenkins'; Rule = 'DH116'; Status = 'Fail'; Line = 2 }
    )
}
