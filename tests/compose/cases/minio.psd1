@{
    Description = 'MinIO: a root password literal, the server command'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'minio'; Rule = 'DH130'; Status = 'Fail'; Line = 5 }
        @{ Service = 'minio'; Rule = 'DH131'; Status = 'Pass'; Line = 3 }
    )
}
