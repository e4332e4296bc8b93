@{
    Description = 'no user: the image''s USER decides, which the file does not show: Warn, not ''runs as root'''
    Repair = @{}
    ComposeConfig = $true
    RealRun = $false
    Audit = @(
        @{ Service = 'app'; Rule = 'DH101'; Status = 'Warn'; Line = 2 }
        @{ Service = 'built'; Rule = 'DH101'; Status = 'Warn'; Line = 4 }
    )
}
