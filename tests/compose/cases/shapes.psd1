@{
    Description = 'security_opt and tmpfs as mappings: Warn (shape not understood) and Skipped, the keys left byte for byte'
    Repair = @{}
    Skipped = @(
        @{ Service = 'app'; Rule = 'DH122' }
        @{ Service = 'app'; Rule = 'DH123' }
        @{ Service = 'app'; Rule = 'DH119' }
    )
    Audit = @(
        @{ Service = 'app'; Rule = 'DH123'; Status = 'Warn'; Line = 6 }
        @{ Service = 'app'; Rule = 'DH122'; Status = 'Warn'; Line = 6 }
        @{ Service = 'app'; Rule = 'DH104'; Status = 'Pass'; Line = 3 }
    )
}
