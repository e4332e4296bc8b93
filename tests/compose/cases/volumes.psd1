@{
    Description = 'Short and long volume syntax; DH105/DH106 named with -Rule remove the sensitive mounts'
    Repair = @{ Rule = @('DH105', 'DH106') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'v'; Rule = 'DH105'; Status = 'Fail'; Line = 5 }
        @{ Service = 'v'; Rule = 'DH106'; Status = 'Fail'; Line = 5 }
        @{ Service = 'v'; Rule = 'DH127'; Status = 'Fail'; Line = 5 }
    )
}
