@{
    Description = 'read_only false turned true; a tmpfs scalar gains /tmp; a tmpfs volume at /tmp is enough'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 't'; Rule = 'DH119'; Status = 'Fail'; Line = 5 }
        @{ Service = 'u'; Rule = 'DH119'; Status = 'Fail'; Line = 7 }
    )
}
