#Requires -Version 7.4
<#
    Help for every exported cmdlet, read back through Get-Help from the built module, so that it tests what
    users will see: the MAML the build generated from en-US/*.md, and the about topic beside it.
    Set DOCKERHARDEN_MODULE to the built manifest, for example out/DockerHarden/DockerHarden.psd1.
#>

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
param()

BeforeDiscovery {
    if (-not $env:DOCKERHARDEN_MODULE) {
        throw 'DOCKERHARDEN_MODULE is not set: point it at the built module manifest, for example out/DockerHarden/DockerHarden.psd1 (pwsh ./build.ps1 -Task Build makes it).'
    }
    if (-not (Test-Path -LiteralPath $env:DOCKERHARDEN_MODULE -PathType Leaf)) {
        throw "DOCKERHARDEN_MODULE points at '$env:DOCKERHARDEN_MODULE', which does not exist. Build the module first."
    }
    $module = Import-Module -Name $env:DOCKERHARDEN_MODULE -Force -PassThru -ErrorAction Stop
    $commands = @(Get-Command -Module $module.Name -CommandType Cmdlet, Function |
        ForEach-Object { @{ Name = $_.Name } })
    if (-not $commands) { throw "Module '$($module.Name)' exports no commands; the help tests would prove nothing." }
}

BeforeAll {
    if (-not $env:DOCKERHARDEN_MODULE) { throw 'DOCKERHARDEN_MODULE is not set.' }
    $script:module = Import-Module -Name $env:DOCKERHARDEN_MODULE -Force -PassThru -ErrorAction Stop
    # Parameters every cmdlet gets from PowerShell; their help is PowerShell's, not ours. WhatIf and Confirm
    # are declared by our cmdlets (SupportsShouldProcess), so they must be described like any other parameter.
    $script:commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'
}

Describe 'Help for <Name>' -ForEach $commands {
    BeforeAll {
        $command = Get-Command -Name $Name -Module $script:module.Name
        $help = Get-Help -Name $Name -Full -ErrorAction Stop
        $parameters = @($command.Parameters.Values | Where-Object { $script:commonParameters -notcontains $_.Name })
        $helpParameters = @($help.PSObject.Properties['parameters'] -and $help.parameters ?
            $help.parameters.parameter : @())
    }

    It 'comes from the help file, not from the generated syntax stub' {
        # Without help, Get-Help invents a synopsis that is the syntax line ("Get-Foo [[-Bar] <string>] ...").
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -Match "^$([regex]::Escape($Name))(\s|$)"
        $help.Synopsis.Trim() | Should -Not -Match '<CommonParameters>'
    }

    It 'opens this project''s own page online (HelpUri and the help file''s online version)' {
        $projectUri = (Import-PowerShellDataFile $env:DOCKERHARDEN_MODULE).PrivateData.PSData.ProjectUri
        $expected = "$projectUri/blob/main/en-US/$Name.md"
        $command.HelpUri | Should -Be $expected
        $online = @($help.relatedLinks.navigationLink | Where-Object { $_.uri })[0].uri
        $online | Should -Be $expected
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples, each with code' {
        $examples = @($help.PSObject.Properties['examples'] -and $help.examples ? $help.examples.example : @())
        $examples.Count | Should -BeGreaterOrEqual 2
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because "example '$($example.title)' needs code"
        }
    }

    # Discovery-time list, so that each parameter is its own test. A cmdlet may have no parameters of its own:
    # Pester 6 refuses an empty -ForEach unless told, Pester 5 has no such switch (and allows it).
    $ownParameters = @((Get-Command -Name $Name).Parameters.Keys |
        Where-Object { [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction' -notcontains $_ })
    $allowEmpty = @{}
    if ((Get-Command -Name It).Parameters.ContainsKey('AllowNullOrEmptyForEach')) { $allowEmpty.AllowNullOrEmptyForEach = $true }

    It 'describes parameter -<_>' -ForEach $ownParameters @allowEmpty {
        $entry = $helpParameters | Where-Object name -eq $_
        $entry | Should -Not -BeNullOrEmpty -Because "-$_ must appear in the help's parameter list"
        ($entry.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$_ needs a description"
    }

    It 'documents no parameter that the command lacks' {
        foreach ($p in $helpParameters) {
            $command.Parameters.Keys | Should -Contain $p.name -Because "help documents -$($p.name)"
        }
    }
}

Describe 'about_DockerHarden' {
    It 'is found by Get-Help' {
        $topic = Get-Help -Name about_DockerHarden -ErrorAction Stop | Out-String
        $topic | Should -Match 'about_DockerHarden'
        $topic | Should -Match 'SHORT DESCRIPTION'
        $topic | Should -Match 'LONG DESCRIPTION'
    }
}
