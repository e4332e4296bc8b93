@{
    Description = 'cap_drop ALL with CHOWN, SETUID, SETGID added back (a root entrypoint that drops to a user): Fail at Medium'
    Repair = @{ ExcludeRule = @('DH103') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'postgres'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Medium'; Line = 6 }
        @{ Service = 'postgres'; Rule = 'DH102'; Status = 'Pass'; Line = 4 }
        @{ Service = 'postgres'; Rule = 'DH130'; Status = 'Pass'; Line = 12 }
    )
}
