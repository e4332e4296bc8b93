@{
    Description = 'Kafka with KAFKA_HEAP_OPTS -Xmx512M: the memory fix writes 640m'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'kafka'; Rule = 'DH116'; Status = 'Fail'; Line = 2 }
        @{ Service = 'kafka'; Rule = 'DH130'; Status = 'Pass'; Line = 6 }
    )
}
