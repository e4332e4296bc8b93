@{
    Description = 'Elasticsearch with ES_JAVA_OPTS -Xms1g -Xmx1g: the memory fix writes 1280m, not 256m'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'es01'; Rule = 'DH116'; Status = 'Fail'; Line = 2 }
        @{ Service = 'es01'; Rule = 'DH117'; Status = 'Fail'; Line = 2 }
        @{ Service = 'es01'; Rule = 'DH126'; Status = 'Warn'; Line = 13 }
    )
}
