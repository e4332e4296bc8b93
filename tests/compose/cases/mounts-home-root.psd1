@{
    Description = 'binds of /root/.ssh and /home are High even read-only'
    Repair = @{ Rule = @('DH105') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'deploy'; Rule = 'DH105'; Status = 'Fail'; Severity = 'High'; Line = 4 }
        @{ Service = 'sync'; Rule = 'DH105'; Status = 'Fail'; Severity = 'High'; Line = 8 }
    )
}
