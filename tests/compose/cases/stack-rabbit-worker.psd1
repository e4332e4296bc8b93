@{
    Description = 'a Celery worker with an amqp:// broker URL holding guest:guest'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'worker'; Rule = 'DH130'; Status = 'Fail'; Line = 10 }
        @{ Service = 'rabbitmq'; Rule = 'DH126'; Status = 'Warn'; Line = 4 }
        @{ Service = 'rabbitmq'; Rule = 'DH131'; Status = 'Pass'; Line = 3 }
    )
}
