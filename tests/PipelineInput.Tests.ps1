#Requires -Version 7.2
# A pipeline must never widen what a cmdlet touches: explicit -Name wins, an empty pipeline asks for nothing, and an
# input without a usable name is an error for that input, never "every container" (or the default engine's file).
# Also rule selection (NoRuleSelected, did-you-mean) and -Verbose. Against the real engine.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $script:Suite = Initialize-TestSuite -Name 'pipe' -Engine
    $script:A = New-TestContainer -Name 'pipe-a'
    $script:B = New-TestContainer -Name 'pipe-b'
    # Every query below keeps to this run's containers, so that the engine's other containers never count.
    $script:RunLabel = "dockerharden.run=$(Get-TestRunId)"
    $script:Dir = $Suite.Dir
}

AfterAll {
    Remove-TestSuite $Suite
}

Describe 'Pipeline input of Get-ContainerHardening' {
    It 'audits both of this run''s containers without -Name and without a pipeline' {
        @(Get-ContainerHardening -All -Label $RunLabel).Name | Sort-Object | Should -Be (@($A, $B) | Sort-Object)
    }

    It 'lets an explicit -Name win over an empty pipeline' {
        $r = @(@() | Get-ContainerHardening -Name $A -All -Label $RunLabel)
        $r.Name | Should -Be @($A)
    }

    It 'audits nothing for an empty pipeline, as @() | Get-Process returns nothing' {
        @(@() | Get-ContainerHardening -All -Label $RunLabel) | Should -HaveCount 0
        $names = @()
        @($names | Get-ContainerHardening -All -Label $RunLabel -FailOn Critical) | Should -HaveCount 0
    }

    It 'writes PipelineInputWithoutName for <Case> and audits nothing' -ForEach @(
        @{ Case = '$null'; Value = $null }
        @{ Case = 'an empty string'; Value = '' }
        @{ Case = 'an object whose Name is empty'; Value = [pscustomobject]@{ Name = '' } }
        @{ Case = 'an object whose Id is null'; Value = [pscustomobject]@{ Id = $null } }
        @{ Case = 'a docker ps object without Names'; Value = [pscustomobject]@{ Names = ' , ' } }
    ) {
        $r = @(, $Value | Get-ContainerHardening -All -Label $RunLabel -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 0 -Because 'an input without a name must not mean every container'
        @($errs).Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'PipelineInputWithoutName,DockerHarden.Commands.GetContainerHardeningCommand'
    }

    It 'audits the named inputs and reports the unnamed one' {
        $r = @($A, '', [pscustomobject]@{ Name = $B } | Get-ContainerHardening -All -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Name | Sort-Object | Should -Be (@($A, $B) | Sort-Object)
        @($errs.FullyQualifiedErrorId) | Should -Be @('PipelineInputWithoutName,DockerHarden.Commands.GetContainerHardeningCommand')
    }

    It 'takes its own reports back from the pipeline' {
        @(Get-ContainerHardening -Name $A -All | Get-ContainerHardening -All).Name | Should -Be @($A)
    }
}

Describe 'Pipeline input of Repair-DaemonConfiguration' {
    BeforeAll {
        $script:File = Join-Path $Dir 'daemon.json'
        Set-Content -LiteralPath $File -Value '{ "icc": true }'
    }

    It 'writes PipelineInputWithoutName for <Case>, instead of repairing the default engine''s file' -ForEach @(
        @{ Case = 'an empty DockerHost'; Value = [pscustomobject]@{ DockerHost = '' } }
        @{ Case = 'a null DockerHost and an empty ConfigPath'; Value = [pscustomobject]@{ DockerHost = $null; ConfigPath = '' } }
    ) {
        $r = @($Value | Repair-DaemonConfiguration -WhatIf -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $r | Should -HaveCount 0
        $errs[0].FullyQualifiedErrorId | Should -Be 'PipelineInputWithoutName,DockerHarden.Commands.RepairDaemonConfigurationCommand'
    }

    It 'repairs the file a piped object names' {
        $r = [pscustomobject]@{ FullName = $File } | Repair-DaemonConfiguration -Rule DH005 -WhatIf -WarningAction SilentlyContinue
        $r.Path | Should -Be $File
        $r.Changes.Key | Should -Contain 'icc'
    }
}

Describe 'Rule selection' {
    It 'stops with NoRuleSelected when <Case>' -ForEach @(
        @{ Case = 'the only -Rule is a typo'; Splat = @{ Rule = 'DH1O1' } }
        @{ Case = '-ExcludeRule removes every -Rule'; Splat = @{ Rule = 'DH10*'; ExcludeRule = 'DH10*' } }
    ) {
        $caught = $null
        try { $null = Get-ContainerHardening -Name $A -All @Splat -ErrorAction SilentlyContinue } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'NoRuleSelected,DockerHarden.Commands.GetContainerHardeningCommand'
        $caught.Exception.Message | Should -Match 'leaves no container rule'
    }

    It 'stops Test-DaemonHardening with NoRuleSelected and suggests DH004 for DH0O4' {
        $caught = $null
        try { $null = Test-DaemonHardening -Rule DH0O4 -ErrorVariable errs -ErrorAction SilentlyContinue } catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -Be 'NoRuleSelected,DockerHarden.Commands.TestDaemonHardeningCommand'
        $errs[0].Exception.Message | Should -Match "'DH0O4'; did you mean DH004\?"
    }

    It 'suggests the rule of a misspelt name and audits with the rules that remain' {
        $r = Get-ContainerHardening -Name $A -All -Rule MemoryLimt, DH101 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RuleNotFound,*'
        $errs[0].Exception.Message | Should -Match 'did you mean DH116\?'
        $r.Findings.RuleId | Should -Be 'DH101'
    }
}

Describe '-Verbose' {
    It 'says what Get-ContainerHardening asks of the engine and what it decided' {
        $verbose = Get-ContainerHardening -Name $A -All -Rule DH10* -FailOn High -Verbose -ErrorAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message
        $text = $verbose -join "`n"
        $text | Should -Match 'Rules: 9 of \d+ container rules selected \(DH101, '
        $text | Should -Match "Asking .*one container list and one info.*names \[$([regex]::Escape($A))\].*every state"
        $text | Should -Match 'listed \d+ container\(s\), inspected 1, 1 report\(s\)'
        $text | Should -Match "Gate: failed\. 1 target\(s\) failed a rule at or above High: $([regex]::Escape($A)) \(DH101"
    }

    It 'says what Test-DaemonHardening reads and found' {
        $text = (Test-DaemonHardening -Rule DH004 -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $text | Should -Match 'Rules: 1 of \d+ daemon rules selected \(DH004\)'
        $text | Should -Match 'Asking .*one info per engine'
        $text | Should -Match 'dockerd \d+\.\d+.*fail\(s\)'
    }

    It 'says what Repair-DaemonConfiguration plans' {
        $file = Join-Path $Dir 'verbose.json'
        Set-Content -LiteralPath $file -Value '{ "icc": true }'
        $text = (Repair-DaemonConfiguration -Path $file -Rule DH005 -WhatIf -Verbose -WarningAction SilentlyContinue 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"
        $text | Should -Match "Repairing $([regex]::Escape($file))"
        $text | Should -Match 'Plan: 1 change\(s\): DH005 icc'
    }
}
