@{
    Description = 'a heap of 128m fits the default: the memory fix writes 256m'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'small'; Rule = 'DH116'; Status = 'Fail'; Line = 2 }
    )
}
