@{
    Description = 'A UTF-8 BOM and non-ASCII comment kept'
    Repair = @{}
    ComposeConfig = $true
    RealRun = $true
    Audit = @(
        @{ Service = 'bom'; Rule = 'DH112'; Status = 'Fail'; Line = 6 }
    )
}
