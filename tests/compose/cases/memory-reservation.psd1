@{
    Description = 'mem_reservation 512m: the memory fix writes 512m (a 256m limit would not start)'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'cache'; Rule = 'DH116'; Status = 'Fail'; Line = 2 }
        @{ Service = 'cache'; Rule = 'DH117'; Status = 'Fail'; Line = 2 }
    )
}
