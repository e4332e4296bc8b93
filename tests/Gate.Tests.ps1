#Requires -Version 7.2
# The -FailOn gate in the shell forms CI uses, against the real engine: every form must fail the job by its exit code
# AND still capture and export the reports in the same run (the documented -EnableExit pattern); a passing audit exits 0.
# Each script runs in a fresh pwsh with the module under test, as a CI step would.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseUsingScopeModifierInNewRunspaces', '', Justification = 'The job''s script block receives its values through -ArgumentList into its own param block; $using: is not needed.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $script:Suite = Initialize-TestSuite -Name 'gate' -Engine
    # Two created containers with the engine's defaults: each fails High rules (root user, no cap-drop, no memory
    # limit, ...) and no Critical one, so -FailOn High fails the gate and -FailOn Critical passes it.
    $script:Weak = New-TestContainer -Name 'gate-weak'
    $script:Other = New-TestContainer -Name 'gate-other'
    $script:Dir = $Suite.Dir
    $script:Pwsh = $Suite.Pwsh
    $script:Module = $Suite.Module

    # The documented CI pattern: capture, export, report; -EnableExit fails the job once the script has finished.
    function Get-GateScript([string] $Name, [string] $FailOn = 'High', [string] $Extra = '', [string] $Prologue = '') {
        $sarif = Join-Path $Dir "$Name.sarif"
        $body = @"
$Prologue
Import-Module '$Module'
`$reports = Get-ContainerHardening -Name '$Weak', '$Other' -All -FailOn $FailOn -EnableExit $Extra
`$reports | Export-HardeningReport -Format Sarif -Path '$sarif'
"captured=`$(@(`$reports).Count) results=`$((`$reports | Measure-Object -Sum -Property FailCount, WarnCount).Sum -join '+')"
'next'
"@
        [pscustomobject]@{ Text = $body; Sarif = $sarif }
    }

    function Invoke-Pwsh([string[]] $Arguments) {
        $out = & $Pwsh -NoProfile -NonInteractive @Arguments 2>&1
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($out | ForEach-Object { "$_" }) -join "`n" }
    }

    function Assert-CapturedAndExported($Run, [string] $Sarif) {
        $Run.Output | Should -Match 'captured=2 '
        $Run.Output | Should -Match '(?m)^next$' -Because 'the script runs on to its end before the process exits'
        $expected = [int](($Run.Output | Select-String 'results=(\d+)\+(\d+)').Matches[0].Groups | Select-Object -Skip 1 |
            Measure-Object -Sum -Property Value).Sum
        $results = (Get-Content -Raw -LiteralPath $Sarif | ConvertFrom-Json).runs[0].results
        @($results).Count | Should -Be $expected -Because 'every Fail and Warn of both reports is in the SARIF'
        @($results).Count | Should -BeGreaterThan 0
        @($results.properties.target | Sort-Object -Unique) | Should -Be (@($Weak, $Other) | Sort-Object)
    }
}

AfterAll {
    Remove-TestSuite $Suite
}

Describe 'The -EnableExit pattern fails the job and keeps the reports, in every shell form' {
    It 'pwsh -File, with the default Continue preference' {
        $script = Get-GateScript 'file-continue'
        Set-Content -LiteralPath (Join-Path $Dir 'file-continue.ps1') -Value $script.Text
        $run = Invoke-Pwsh @('-File', (Join-Path $Dir 'file-continue.ps1'))
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Match ([regex]::Escape("$Weak (DH101"))
        Assert-CapturedAndExported $run $script.Sarif
    }

    It 'pwsh -File, with -ErrorAction Stop on the audit' {
        $script = Get-GateScript 'file-stop' -Extra '-ErrorAction Stop'
        Set-Content -LiteralPath (Join-Path $Dir 'file-stop.ps1') -Value $script.Text
        $run = Invoke-Pwsh @('-File', (Join-Path $Dir 'file-stop.ps1'))
        $run.ExitCode | Should -Be 1
        Assert-CapturedAndExported $run $script.Sarif
    }

    It 'pwsh -Command "...; ''next''"' {
        $script = Get-GateScript 'command'
        $run = Invoke-Pwsh @('-Command', ($script.Text -replace "`r?`n", '; ').Trim('; '))
        $run.ExitCode | Should -Be 1 -Because "a later statement ('next') must not reset the exit code"
        Assert-CapturedAndExported $run $script.Sarif
    }

    It 'the GitHub Actions shell: pwsh wrapper ($ErrorActionPreference = ''stop'', then pwsh -command ". ''script.ps1''")' {
        $script = Get-GateScript 'actions' -Prologue "`$ErrorActionPreference = 'stop'"
        $path = Join-Path $Dir 'actions.ps1'
        Set-Content -LiteralPath $path -Value $script.Text
        $run = Invoke-Pwsh @('-command', ". '$path'")
        $run.ExitCode | Should -Be 1
        Assert-CapturedAndExported $run $script.Sarif
    }

    It 'exits 0 when the audit passes the gate, in <Form>' -ForEach @(
        @{ Form = 'pwsh -File' }
        @{ Form = 'the Actions wrapper' }
    ) {
        $name = "pass-$($Form -replace '\W', '')"
        $prologue = if ($Form -eq 'the Actions wrapper') { "`$ErrorActionPreference = 'stop'" } else { '' }
        $script = Get-GateScript $name -FailOn Critical -Prologue $prologue
        $path = Join-Path $Dir "$name.ps1"
        Set-Content -LiteralPath $path -Value $script.Text
        $run = if ($Form -eq 'pwsh -File') { Invoke-Pwsh @('-File', $path) } else { Invoke-Pwsh @('-command', ". '$path'") }
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Not -Match 'HardeningThresholdExceeded|failed a rule'
        Assert-CapturedAndExported $run $script.Sarif
    }
}

Describe 'The gate without -EnableExit' {
    It 'is a non-terminating error after the output: $r captures every report and $? is false' {
        $r = Get-ContainerHardening -Name $Weak, $Other -All -FailOn High -ErrorVariable gate -ErrorAction SilentlyContinue
        $ok = $?
        @($r).Count | Should -Be 2
        $ok | Should -BeFalse
        @($gate).Count | Should -Be 1
        $gate[0].FullyQualifiedErrorId | Should -BeLike 'HardeningThresholdExceeded,*'
    }

    It 'names the failing rules per target in the message and in the TargetObject' {
        $r = Get-ContainerHardening -Name $Weak, $Other -All -FailOn High -ErrorVariable gate -ErrorAction SilentlyContinue
        $expected = ($r | Where-Object Name -EQ $Weak).Findings | Where-Object { $_.Status -eq 'Fail' -and $_.Severity -ge 'High' } |
            Select-Object -ExpandProperty RuleId
        $gate[0].Exception.Message | Should -Match "^2 target\(s\) failed a rule at or above High: .*$([regex]::Escape("$Weak ($($expected -join ', '))"))"
        $failure = $gate[0].TargetObject
        $failure.GetType().Name | Should -Be 'HardeningGateFailure'
        $failure.Threshold | Should -Be 'High'
        @($failure.Targets.Target | Sort-Object) | Should -Be (@($Weak, $Other) | Sort-Object)
        @(($failure.Targets | Where-Object Target -EQ $Weak).RuleIds) | Should -Be @($expected)
    }

    It 'ends a pwsh -File script with exit code 1 under -ErrorAction Stop' {
        $path = Join-Path $Dir 'stop.ps1'
        Set-Content -LiteralPath $path -Value "Import-Module '$Module'`n`$r = Get-ContainerHardening -Name '$Weak' -All -FailOn High -ErrorAction Stop`n'not reached'"
        $run = Invoke-Pwsh @('-File', $path)
        $run.ExitCode | Should -Be 1
        $run.Output | Should -Not -Match 'not reached'
    }

    It 'fails with -FailOn when a -Rule value names no rule, and suggests the nearest id' {
        $r = Get-ContainerHardening -Name $Weak -All -Rule DH1O1, DH106 -FailOn Critical -ErrorVariable errs -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 1
        $r.Findings.RuleId | Should -Be 'DH106'
        ($errs | Where-Object FullyQualifiedErrorId -Like 'RuleNotFound,*').Exception.Message | Should -Match 'did you mean DH101\?'
        $gate = $errs | Where-Object FullyQualifiedErrorId -Like 'HardeningThresholdExceeded,*'
        $gate | Should -Not -BeNullOrEmpty -Because 'a mistyped rule must not pass a gate'
        $gate.TargetObject.RulesNotFound | Should -Be 'DH1O1'
    }

    It 'fails with -FailOn when a named container does not exist' {
        $missing = Get-TestContainerName 'gate-missing'
        $null = Get-ContainerHardening -Name $missing -FailOn Critical -ErrorVariable errs -ErrorAction SilentlyContinue
        ($errs | Where-Object FullyQualifiedErrorId -Like 'HardeningThresholdExceeded,*').TargetObject.NotAudited | Should -Be $missing
    }

    It 'stays an error (not an exit code) in a job, where the host cannot set one' {
        $job = Start-Job { param($m, $n) Import-Module $m; Get-ContainerHardening -Name $n -All -FailOn High -EnableExit | Out-Null; 'after' } -ArgumentList $Module, $Weak
        $out = $job | Receive-Job -Wait -AutoRemoveJob -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -Be 'after'
        $errs.FullyQualifiedErrorId | Should -BeLike 'HardeningThresholdExceeded*'
    }
}

Describe '-Failed' {
    It 'writes the failing findings, each naming its target, instead of the reports' {
        $reports = Get-ContainerHardening -Name $Weak, $Other -All
        $failed = Get-ContainerHardening -Name $Weak, $Other -All -Failed
        $failed | ForEach-Object { $_.GetType().Name } | Sort-Object -Unique | Should -Be 'HardeningFinding'
        $failed.Status | Sort-Object -Unique | Should -Be 'Fail'
        @($failed).Count | Should -Be ($reports | Measure-Object -Sum FailCount).Sum
        @($failed | Where-Object Target -EQ $Weak).Count | Should -Be ($reports | Where-Object Name -EQ $Weak).FailCount
    }

    It 'gates the same as the reports do' {
        $failed = Get-ContainerHardening -Name $Weak -All -Failed -FailOn High -ErrorVariable gate -ErrorAction SilentlyContinue
        @($failed).Count | Should -BeGreaterThan 0
        $gate.FullyQualifiedErrorId | Should -BeLike 'HardeningThresholdExceeded,*'
    }

    It 'works on Test-DaemonHardening' {
        $report = Test-DaemonHardening -Rule DH004
        $failed = @(Test-DaemonHardening -Rule DH004 -Failed)
        $failed.Count | Should -Be $report.FailCount
        $failed | ForEach-Object { $_.Target | Should -Be $report.DockerHost }
    }
}
