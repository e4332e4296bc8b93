@{
    Description = '''127.0.0.1:3001'' is an address and a container port: compose rejects it, DH126 says so and the fix never writes 127.0.0.1:127.0.0.1:3001'
    Repair = @{ Rule = @('DH126') }
    ComposeConfig = $false
    RealRun = $false
    Audit = @(
        @{ Service = 'web'; Rule = 'DH126'; Status = 'Warn'; Line = 4 }
        @{ Service = 'web'; Rule = 'DH133'; Status = 'Warn'; Line = 4 }
    )
}
