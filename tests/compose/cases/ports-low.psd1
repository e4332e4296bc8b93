@{
    Description = 'A host port below 1024 still warns after binding: reported in Skipped'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'low'; Rule = 'DH126'; Status = 'Warn'; Line = 5 }
    )
    Skipped = @(
        @{ Service = 'low'; Rule = 'DH126' }
    )
}
