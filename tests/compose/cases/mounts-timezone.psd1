@{
    Description = 'read-only /etc/localtime and /etc/timezone pass; a writable /etc/localtime fails'
    Repair = @{ Rule = @('DH105') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'clock'; Rule = 'DH105'; Status = 'Pass'; Line = 4 }
        @{ Service = 'writer'; Rule = 'DH105'; Status = 'Fail'; Severity = 'High'; Line = 9 }
    )
}
