@{
    Description = 'a JVM started by command with -Xmx768m: the memory fix writes 960m'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'app'; Rule = 'DH116'; Status = 'Fail'; Line = 2 }
        @{ Service = 'app'; Rule = 'DH105'; Status = 'Pass'; Line = 5 }
    )
}
