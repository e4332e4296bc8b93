@{
    Description = 'JAVA_OPTS in list form with -Xmx2g: the memory fix writes 2560m'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'tomcat'; Rule = 'DH116'; Status = 'Fail'; Line = 2 }
        @{ Service = 'tomcat'; Rule = 'DH126'; Status = 'Warn'; Line = 6 }
    )
}
