@{
    Description = 'Home Assistant: host network, privileged, the :stable tag, read-only /etc/localtime (allowed) beside the system D-Bus (High)'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'homeassistant'; Rule = 'DH108'; Status = 'Fail'; Line = 11 }
        @{ Service = 'homeassistant'; Rule = 'DH104'; Status = 'Fail'; Line = 10 }
        @{ Service = 'homeassistant'; Rule = 'DH131'; Status = 'Fail'; Line = 4 }
        @{ Service = 'homeassistant'; Rule = 'DH105'; Status = 'Fail'; Severity = 'High'; Line = 5 }
    )
}
