@{
    Description = 'extends within the file: the base is fixed, children inherit, local values of a child are fixed in the child'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'base'; Rule = 'DH103'; Status = 'Fail'; Line = 5 }
        @{ Service = 'child'; Rule = 'DH103'; Status = 'Fail'; Line = 5 }
        @{ Service = 'grandchild'; Rule = 'DH104'; Status = 'Fail'; Line = 14 }
        @{ Service = 'child'; Rule = 'DH104'; Status = 'Pass'; Line = 7 }
    )
}
