# Policies, waivers, the -FailOn gate and several engines at once, against the real engine.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
param()

BeforeAll {
    if (-not $env:DOCKERHARDEN_MODULE) { throw 'DOCKERHARDEN_MODULE is not set: run the suites through build.ps1 -Task Test.' }
    Import-Module $env:DOCKERHARDEN_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    Initialize-TestEngine | Out-Null
    $image = (Initialize-TestImage).Pinned
    $script:Weak = New-TestContainer -Name 'policy-weak' -Arguments @($image)
    $script:Other = New-TestContainer -Name 'policy-other' -Arguments @($image)
    $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "dh-policy-$(Get-TestRunId)"
    New-Item -ItemType Directory -Force -Path $Dir | Out-Null
    $script:Pwsh = Get-PwshPath
    function New-Policy([string] $Name, [string] $Text) {
        $path = Join-Path $Dir $Name
        Set-Content -LiteralPath $path -Value $Text -NoNewline
        $path
    }
    function Get-Finding($Report, [string] $RuleId) { $Report.Findings | Where-Object RuleId -EQ $RuleId }
}

AfterAll {
    Remove-TestContainers
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Dir
}

Describe 'Waivers from a policy file' {
    BeforeAll {
        $tomorrow = (Get-Date).AddDays(1).ToString('yyyy-MM-dd')
        $script:PolicyPath = New-Policy 'waivers.yml' @"
# the team accepts these on purpose
defaults: { memory: 256m, cpus: 1.0, pidsLimit: 100, user: "10001:10001" }
waivers:
  - rule: DH119
    target: $Weak
    reason: the app writes to its root filesystem
    expires: $tomorrow
  - rule: DH12*
    target: '*policy-weak'
    reason: limits come with the next release
  - rule: DH101
    target: $Weak
    reason: an old promise
    expires: 2020-01-31
"@
        $script:Reports = Get-ContainerHardening -Name $Weak, $Other -All -Policy $PolicyPath -WarningVariable warnings -WarningAction SilentlyContinue
        $script:Warnings = $warnings
        $script:WeakReport = $Reports | Where-Object Name -EQ $Weak
        $script:OtherReport = $Reports | Where-Object Name -EQ $Other
    }

    It 'waives a matching Fail, keeps the rule and carries the reason' {
        $finding = Get-Finding $WeakReport DH119
        $finding.Status | Should -Be 'Waived'
        $finding.WaiverReason | Should -Be 'the app writes to its root filesystem'
        $finding.RuleId | Should -Be 'DH119'
    }

    It 'matches rules and targets with wildcards' {
        (Get-Finding $WeakReport DH121).Status | Should -Be 'Waived'
        (Get-Finding $WeakReport DH122).Status | Should -Be 'Waived'
        (Get-Finding $WeakReport DH116).Status | Should -Be 'Fail'
    }

    It 'does not waive the same rule on another target' {
        (Get-Finding $OtherReport DH119).Status | Should -Be 'Fail'
        (Get-Finding $OtherReport DH121).Status | Should -Be 'Fail'
    }

    It 'does not apply an expired waiver, and says so' {
        $finding = Get-Finding $WeakReport DH101
        $finding.Status | Should -Be 'Fail'
        $finding.Evidence | Should -Match 'waiver expired on 2020-01-31'
        $Warnings.Message | Should -Match 'DH101.*expired on 2020-01-31'
    }

    It 'leaves waived findings out of the score and of compliance' {
        $WeakReport.Score | Should -BeGreaterThan $OtherReport.Score
        $WeakReport.FailCount | Should -BeLessThan $OtherReport.FailCount
    }

    It 'exports waived findings as SARIF suppressions with the reason, and as JUnit skips' {
        $sarifPath = Join-Path $Dir 'waived.sarif'
        $junitPath = Join-Path $Dir 'waived.xml'
        $WeakReport | Export-HardeningReport -Path $sarifPath -Force
        $WeakReport | Export-HardeningReport -Path $junitPath -Force
        $results = (Get-Content -Raw $sarifPath | ConvertFrom-Json).runs[0].results
        $waived = @($results | Where-Object ruleId -EQ 'DH119')
        $waived.Count | Should -Be 1
        $waived[0].suppressions[0].justification | Should -Be 'the app writes to its root filesystem'
        @($results | Where-Object { $_.ruleId -eq 'DH116' -and $_.suppressions }).Count | Should -Be 0
        [xml] $junit = Get-Content -Raw $junitPath
        $case = $junit.SelectSingleNode("//testcase[starts-with(@name, 'DH119')]")
        $case.skipped | Should -Not -BeNullOrEmpty
    }

    It 'reads the policy named by DOCKERHARDEN_POLICY when -Policy is not given' {
        $env:DOCKERHARDEN_POLICY = $PolicyPath
        try { $report = Get-ContainerHardening -Name $Weak -All -WarningAction SilentlyContinue }
        finally { Remove-Item Env:DOCKERHARDEN_POLICY }
        (Get-Finding $report DH119).Status | Should -Be 'Waived'
    }
}

Describe 'A policy file that cannot be used' {
    It 'names the file, line and column of <Case>' -ForEach @(
        @{ Case = 'bad YAML'; Text = "waivers:`n  - rule: DH119`n    reason: [unclosed`n"; Line = 4 }
        @{ Case = 'an unknown key'; Text = "defaults:`n  memroy: 256m`n"; Line = 2 }
        @{ Case = 'a waiver without a reason'; Text = "waivers:`n  - rule: DH119`n    target: db`n"; Line = 2 }
        @{ Case = 'a bad date'; Text = "waivers:`n  - rule: DH119`n    reason: x`n    expires: next year`n"; Line = 4 }
    ) {
        $path = New-Policy "bad-$($Case -replace '\W', '-').yml" $Text
        $err = $null
        try { Get-ContainerHardening -Name $Weak -All -Policy $path | Out-Null } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'PolicyInvalid*'
        $err.Exception.Message | Should -Match "$([regex]::Escape($path)):$($Line):\d+"
    }

    It 'is PolicyNotFound for a missing file' {
        $err = $null
        try { Get-ContainerHardening -Name $Weak -All -Policy (Join-Path $Dir 'missing.yml') | Out-Null } catch { $err = $_ }
        $err.FullyQualifiedErrorId | Should -BeLike 'PolicyNotFound*'
    }
}

Describe 'The -FailOn gate' {
    It 'makes pwsh exit with code 1 through the gate''s own HardeningThresholdExceeded error' {
        # NormalView writes each error's id, so an unrelated failure (a missing module, an engine error) cannot pass for
        # the gate: the one error is the gate's, and the exit code is the one pwsh gives a last command that failed.
        $script = "`$ErrorView = 'NormalView'; `$PSStyle.OutputRendering = 'PlainText'; Import-Module '$env:DOCKERHARDEN_MODULE'; Get-ContainerHardening -Name '$Weak' -All -FailOn High | Out-Null"
        $out = (& $Pwsh -NoProfile -NonInteractive -Command $script 2>&1 | ForEach-Object { "$_" }) -join "`n"
        $LASTEXITCODE | Should -Be 1
        $ids = @([regex]::Matches($out, 'FullyQualifiedErrorId\s*:\s*(\w+,[\w.]+)') | ForEach-Object { $_.Groups[1].Value })
        $ids | Should -Be @('HardeningThresholdExceeded,DockerHarden.Commands.GetContainerHardeningCommand') -Because $out
    }

    It 'lets the run pass when the failures are waived' {
        $path = New-Policy 'all-waived.yml' "waivers:`n  - rule: '*'`n    target: '$Weak'`n    reason: accepted for the test`n"
        & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$env:DOCKERHARDEN_MODULE'; Get-ContainerHardening -Name '$Weak' -All -FailOn High -Policy '$path' | Out-Null" 2>&1 | Out-Null
        $LASTEXITCODE | Should -Be 0
    }

    It 'is not armed without -FailOn' {
        { Get-ContainerHardening -Name $Weak -All | Out-Null } | Should -Not -Throw
    }
}

Describe 'Policies and the gate on Test-DaemonHardening' {
    It 'waives a daemon finding by rule and endpoint' {
        $path = New-Policy 'daemon.yml' "waivers:`n  - rule: DefaultBridgeDisabled`n    target: 'unix://*'`n    reason: the default bridge serves legacy jobs`n"
        $report = Test-DaemonHardening -Rule DH004 -Policy $path
        ($report.Findings | Where-Object RuleId -EQ DH004).Status | Should -Be 'Waived'
        ($report.Findings | Where-Object RuleId -EQ DH004).WaiverReason | Should -Be 'the default bridge serves legacy jobs'
    }

    It 'gates with -FailOn, but answers -Quiet with a boolean instead' {
        $reports = Test-DaemonHardening -Rule DH004 -FailOn Medium -ErrorVariable gate -ErrorAction SilentlyContinue
        @($reports).Count | Should -Be 1
        $gate.FullyQualifiedErrorId | Should -BeLike 'HardeningThresholdExceeded*'
        Test-DaemonHardening -Rule DH004 -FailOn Medium -Quiet | Should -BeFalse
    }
}

Describe 'Policy defaults for New-HardenedContainer' {
    It 'takes memory, cpus, pids limit and user from the policy, and a parameter still wins' {
        $path = New-Policy 'defaults.yml' "defaults:`n  memory: 128m`n  cpus: 0.5`n  pidsLimit: 42`n  user: '10002:10002'`n"
        $name = "dh-test-$(Get-TestRunId)-policy-new"
        try {
            $made = New-HardenedContainer -Image (Get-TestImage).Pinned -Name $name -Policy $path -PidsLimit 77 -Label @{ 'dockerharden.test' = '1'; 'dockerharden.run' = (Get-TestRunId) }
            $made.Name | Should -Be $name
            $inspect = docker inspect --format '{{.HostConfig.Memory}} {{.HostConfig.MemorySwap}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}} {{.Config.User}}' $name
            $inspect | Should -Be '134217728 134217728 500000000 77 10002:10002'
        }
        finally {
            docker rm -f $name 2>&1 | Out-Null
            docker network rm "$name-net" 2>&1 | Out-Null
        }
    }
}

Describe 'Policy defaults for Repair-ComposeFile' {
    It 'writes the policy''s limits where the file has none, and a parameter still wins' {
        $policy = New-Policy 'compose-defaults.yml' "defaults:`n  memory: 128m`n  cpus: 0.5`n  pidsLimit: 42`n"
        $file = Join-Path $Dir 'compose.yml'
        Set-Content -LiteralPath $file -Value "services:`n  web:`n    image: dockerharden-test/busybox:1.0`n" -NoNewline
        $before = Get-FileHash $file
        $plan = Repair-ComposeFile -Path $file -Policy $policy -Cpus 2 -WhatIf
        (Get-FileHash $file).Hash | Should -Be $before.Hash
        $plan.Diff | Should -Match '\+\s+mem_limit: 128m'
        $plan.Diff | Should -Match '\+\s+pids_limit: 42'
        $plan.Diff | Should -Match "\+\s+cpus: ['`"]?2"
    }
}

Describe 'Several engines at once' {
    It 'audits the reachable engine and reports the unreachable one as an error naming it' {
        $endpoint = Initialize-TestEngine
        $reports = Get-ContainerHardening -Name $Weak -All -DockerHost $endpoint, 'unix:///nonexistent/docker.sock' -ErrorVariable errs -ErrorAction SilentlyContinue
        @($reports).Count | Should -Be 1
        $reports.DockerHost | Should -Be $endpoint
        @($errs | Where-Object FullyQualifiedErrorId -Like 'DockerDaemonUnreachable*').Count | Should -Be 1
        ($errs | Where-Object FullyQualifiedErrorId -Like 'DockerDaemonUnreachable*').Exception.Message | Should -Match 'nonexistent/docker.sock'
        @($errs | Where-Object FullyQualifiedErrorId -Like 'ContainerNotFound*').Count | Should -Be 0
    }
}
