# Mutually exclusive switches are parameter sets: PowerShell refuses a wrong combination before the cmdlet runs,
# so nothing touches an engine, and the error names the parameter. Shared parameters come from one base class each.
BeforeAll {
    if (-not $env:DOCKERHARDEN_MODULE) { throw 'DOCKERHARDEN_MODULE is not set: run the suites through build.ps1 -Task Test.' }
    Import-Module $env:DOCKERHARDEN_MODULE -Force
    # An endpoint nothing answers at: a cmdlet that got past binding would fail with an engine error instead.
    $script:Nowhere = 'unix:///nonexistent/dh-parameter-sets.sock'
}

Describe 'Parameter sets' {
    It 'New-HardenedContainer -RemoveOriginal without -Replace stops at binding, naming Replace' {
        { New-HardenedContainer -ContainerId web -RemoveOriginal -DockerHost $Nowhere -ErrorAction Stop } |
            Should -Throw -ErrorId 'MissingMandatoryParameter,DockerHarden.Commands.NewHardenedContainerCommand' -ExpectedMessage '*Replace*'
        { New-HardenedContainer -Image busybox -RemoveOriginal -DockerHost $Nowhere -ErrorAction Stop } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,DockerHarden.Commands.NewHardenedContainerCommand'
    }

    It 'New-HardenedContainer -Replace refuses -Name (the twin keeps the original''s name) and -Image' {
        { New-HardenedContainer -ContainerId web -Replace -Name other -DockerHost $Nowhere -ErrorAction Stop } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,DockerHarden.Commands.NewHardenedContainerCommand'
        { New-HardenedContainer -Image busybox -Replace -DockerHost $Nowhere -ErrorAction Stop } |
            Should -Throw -ErrorId 'AmbiguousParameterSet,DockerHarden.Commands.NewHardenedContainerCommand'
    }

    It 'New-HardenedContainer without -Replace still binds a twin and gets to the engine' {
        { New-HardenedContainer -ContainerId web -KeepMount /data -DockerHost $Nowhere -ErrorAction Stop } |
            Should -Throw -ErrorId 'DockerDaemonUnreachable,DockerHarden.Commands.NewHardenedContainerCommand'
        (Get-Command New-HardenedContainer).ParameterSets.Name | Should -Be @('FromImage', 'FromContainer', 'Replace')
    }

    It 'Test-DaemonHardening -Quiet answers alone: not with -EnableExit or -Failed' {
        foreach ($other in @{ EnableExit = $true }, @{ Failed = $true }) {
            { Test-DaemonHardening -Quiet @other -DockerHost $Nowhere -ErrorAction Stop } |
                Should -Throw -ErrorId 'AmbiguousParameterSet,DockerHarden.Commands.TestDaemonHardeningCommand'
        }
        # -Quiet with -FailOn is the documented use: it binds and reaches the engine.
        { Test-DaemonHardening -Quiet -FailOn Medium -DockerHost $Nowhere -ErrorAction Stop } |
            Should -Throw -ErrorId 'DockerDaemonUnreachable,DockerHarden.Commands.TestDaemonHardeningCommand'
    }

    It 'maps an unusable endpoint to the same error in every cmdlet that opens an engine' {
        $bad = 'bogus://nowhere'
        { Get-ContainerHardening -DockerHost $bad -ErrorAction Stop } | Should -Throw -ErrorId 'DockerEndpointInvalid,*'
        { Test-DaemonHardening -DockerHost $bad -ErrorAction Stop } | Should -Throw -ErrorId 'DockerEndpointInvalid,*'
        { New-HardenedContainer -Image busybox -DockerHost $bad -ErrorAction Stop } | Should -Throw -ErrorId 'DockerEndpointInvalid,*'
        { Repair-DaemonConfiguration -DockerHost $bad -WhatIf -ErrorAction Stop } | Should -Throw -ErrorId 'DockerEndpointInvalid,*'
    }

    It 'declares -Rule and -ExcludeRule once, for every cmdlet that selects rules' {
        foreach ($name in 'Get-ContainerHardening', 'Test-DaemonHardening', 'Get-ComposeHardening', 'Repair-ComposeFile', 'Repair-DaemonConfiguration') {
            $command = Get-Command $name
            foreach ($p in 'Rule', 'ExcludeRule') {
                $property = $command.ImplementingType.GetProperty($p)
                $property.DeclaringType.FullName | Should -Be 'DockerHarden.Commands.RuleCmdlet' -Because "$name -$p"
            }
        }
    }
}
