#Requires -Version 7.2
# Tests of Get-ComposeHardening over the compose corpus in tests/compose: each case's expectations file
# (cases/<name>.psd1) lists rule results by service with the line of the key that decided them. No engine needed.
# The module under test comes from $env:DOCKERHARDEN_MODULE, else out/DockerHarden/DockerHarden.psd1.

BeforeDiscovery {
    $script:CaseDir = Join-Path $PSScriptRoot 'compose/cases'
    $script:AuditRows = foreach ($psd in Get-ChildItem -Path $CaseDir -Filter '*.psd1') {
        $case = Import-PowerShellDataFile -LiteralPath $psd.FullName
        foreach ($row in $case.Audit) {
            @{ Case = $psd.BaseName; Service = $row.Service; Rule = $row.Rule; Status = $row.Status; Line = $row.Line }
        }
    }
    $script:BadFiles = @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'compose/bad') -Filter '*.yml' | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $modulePath = Get-ModuleUnderTest
    Import-Module $modulePath -Force
    $CaseDir = Join-Path $PSScriptRoot 'compose/cases'
    $BadDir = Join-Path $PSScriptRoot 'compose/bad'
    $Reports = @{}
    foreach ($file in Get-ChildItem -Path $CaseDir -Filter '*.yml') {
        $Reports[$file.BaseName] = @(Get-ComposeHardening -LiteralPath $file.FullName -ErrorAction Stop)
    }
    $Scratch = Join-Path ([IO.Path]::GetTempPath()) "dh-compose-audit-$([Guid]::NewGuid().ToString('N').Substring(0, 8))"
    New-Item -ItemType Directory -Path $Scratch | Out-Null
}

AfterAll {
    Remove-Item -LiteralPath $Scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Get-ComposeHardening over the corpus' {
    It '<Case>: <Service> <Rule> is <Status> at line <Line>' -ForEach $AuditRows {
        $report = $Reports[$Case] | Where-Object Service -eq $Service
        $report | Should -Not -BeNullOrEmpty -Because "service '$Service' is in $Case.yml"
        $finding = $report.Findings | Where-Object RuleId -eq $Rule
        $finding.Status | Should -Be $Status -Because $finding.Evidence
        $finding.Line | Should -Be $Line
        $finding.Column | Should -BeGreaterThan 0
        $finding.Target | Should -Be $Service
    }

    It 'writes one report per service with the line where the service starts' {
        $r = $Reports['restart']
        $r.Service | Should -Be @('always', 'bounded', 'many', 'swarm')
        $r.Line | Should -Be @(2, 5, 8, 11)
        $r[0].Path | Should -Be (Join-Path $CaseDir 'restart.yml')
        $r[0].Findings.Count | Should -Be 32
    }

    It 'never puts an environment value into the output' {
        $text = ($Reports['environment'] + $Reports['interpolation'] | ForEach-Object { $_.Findings.Evidence }) -join "`n"
        $text | Should -Not -Match 'hunter2|changeme'
        $text | Should -Match 'DB_PASSWORD'
        $text | Should -Match 'GITHUB_TOKEN'
        $text | Should -Not -Match 'FROM_SHELL_TOKEN' -Because 'a variable taken from the shell has no literal value'
    }

    It 'exports to SARIF with the file, line and column of each finding' {
        $sarif = Join-Path $Scratch 'compose.sarif'
        $Reports['basic-v3'] | Export-HardeningReport -Path $sarif -Force
        $result = (Get-Content -Raw -LiteralPath $sarif | ConvertFrom-Json).runs[0].results |
            Where-Object { $_.ruleId -eq 'DH104' -and $_.level -eq 'error' } | Select-Object -First 1
        $location = $result.locations[0].physicalLocation
        $location.artifactLocation.uri | Should -BeLike '*/compose/cases/basic-v3.yml'
        $location.region.startLine | Should -Be 8
        $location.region.startColumn | Should -Be 5
    }

    It 'says where an inherited value comes from' {
        $f = ($Reports['anchor-merge'] | Where-Object Service -eq 'one').Findings | Where-Object RuleId -eq DH104
        $f.Evidence | Should -Match '&common'
    }

    It 'computes Score, FailCount and Compliant from the findings' {
        $ok = $Reports['hardened'][0]
        $ok.FailCount | Should -Be 0
        $ok.WarnCount | Should -Be 0
        $ok.Compliant | Should -BeTrue
        $ok.Score | Should -Be 100
        $bad = $Reports['basic-v3'][0]
        $bad.Compliant | Should -BeFalse
        $bad.WorstSeverity | Should -Be 'Critical'
        $bad.FailCount | Should -Be @($bad.Findings | Where-Object Status -eq Fail).Count
    }
}

Describe 'Get-ComposeHardening parameters' {
    It 'expands wildcards in -Path and merges the matched files as override files' {
        $dir = Join-Path $Scratch 'merge'
        New-Item -ItemType Directory -Path $dir | Out-Null
        Set-Content -LiteralPath (Join-Path $dir 'a-compose.yml') -Value "services:`n  web:`n    image: x:1`n    cap_add: [NET_ADMIN]`n    mem_limit: 64m`n"
        Set-Content -LiteralPath (Join-Path $dir 'b-compose.yml') -Value "services:`n  web:`n    privileged: true`n    cap_add: [SYS_ADMIN]`n    mem_limit: 128m`n  db:`n    image: y:1`n"
        $r = @(Get-ComposeHardening -Path (Join-Path $dir '*-compose.yml'))
        $r.Service | Should -Be @('web', 'db')
        $web = $r[0].Findings
        ($web | Where-Object RuleId -eq DH104).Status | Should -Be 'Fail'
        ($web | Where-Object RuleId -eq DH103).Evidence | Should -Match 'SYS_ADMIN'
        ($web | Where-Object RuleId -eq DH116).Evidence | Should -Match '128MiB' -Because 'the later file overrides scalars'
        ($web | Where-Object RuleId -eq DH104).Evidence | Should -Match 'b-compose.yml'
    }

    It 'audits piped Get-ChildItem files one by one' {
        $r = @(Get-ChildItem -LiteralPath (Join-Path $CaseDir 'restart.yml'), (Join-Path $CaseDir 'bom.yml') | Get-ComposeHardening)
        $r.Count | Should -Be 5
        ($r.Path | Select-Object -Unique).Count | Should -Be 2
    }

    It 'takes -LiteralPath without expanding wildcards' {
        $weird = Join-Path $Scratch 'a[1].yml'
        Copy-Item -LiteralPath (Join-Path $CaseDir 'bom.yml') -Destination $weird
        (Get-ComposeHardening -LiteralPath $weird).Service | Should -Be 'bom'
    }

    It 'filters with -Rule, -ExcludeRule and -MinimumSeverity' {
        $file = Join-Path $CaseDir 'basic-v3.yml'
        (Get-ComposeHardening $file -Rule DH10*)[0].Findings.RuleId | Should -Be @('DH101', 'DH102', 'DH103', 'DH104', 'DH105', 'DH106', 'DH107', 'DH108', 'DH109')
        (Get-ComposeHardening $file -ExcludeRule DH1*)[0].Findings | Should -BeNullOrEmpty
        (Get-ComposeHardening $file -MinimumSeverity High)[0].Findings.Severity | Should -Not -Contain 'Low'
    }

    It 'uses -FailOn for Compliant and ends with HardeningThresholdExceeded after the output' {
        $file = Join-Path $CaseDir 'logging.yml'
        (Get-ComposeHardening $file -Rule DH125 -FailOn High)[0].Compliant | Should -BeTrue
        $err = $null
        try { $null = Get-ComposeHardening $file -Rule DH125 -FailOn Medium -OutVariable out } catch { $err = $_ }
        $out.Count | Should -Be 3
        $out[0].Compliant | Should -BeFalse
        $err.FullyQualifiedErrorId | Should -BeLike 'HardeningThresholdExceeded,*'
    }

    It 'waives findings named in a -Policy file' {
        $policy = Join-Path $Scratch 'policy.yml'
        Set-Content -LiteralPath $policy -Value "waivers:`n  - rule: DH125`n    target: none`n    reason: shipped by the node agent`n"
        $r = Get-ComposeHardening (Join-Path $CaseDir 'logging.yml') -Rule DH125 -Policy $policy
        $f = ($r | Where-Object Service -eq 'none').Findings[0]
        $f.Status | Should -Be 'Waived'
        $f.WaiverReason | Should -Be 'shipped by the node agent'
        $f.Line | Should -Be 5 -Because 'a waived finding keeps its place in the file'
        (($r | Where-Object Service -eq 'json').Findings[0]).Status | Should -Be 'Warn'
    }

    It 'writes RuleNotFound and ComposeFileNotFound as non-terminating errors' {
        $r = Get-ComposeHardening (Join-Path $CaseDir 'bom.yml'), (Join-Path $Scratch 'nothere.yml') -Rule DH999, DH112 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.FullyQualifiedErrorId | Should -Contain 'RuleNotFound,DockerHarden.Commands.GetComposeHardeningCommand'
        $errs.FullyQualifiedErrorId | Should -Contain 'ComposeFileNotFound,DockerHarden.Commands.GetComposeHardeningCommand'
        $r.Service | Should -Be 'bom'
    }
}

Describe 'Get-ComposeHardening on bad input' {
    It '<Name> is ComposeParseFailed naming the file, line and column' -ForEach $BadFiles {
        $file = Join-Path $BadDir $Name
        $elapsed = Measure-Command {
            $r = Get-ComposeHardening -LiteralPath $file -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        $r | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ComposeParseFailed,DockerHarden.Commands.GetComposeHardeningCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].TargetObject | Should -Be $file
        $errs[0].Exception.Message | Should -Match ([regex]::Escape($file) + '.* at line \d+, column \d+: ')
        $elapsed.TotalSeconds | Should -BeLessThan 2
    }

    It 'points at the duplicate key and the tab' {
        $null = Get-ComposeHardening -LiteralPath (Join-Path $BadDir 'duplicate-key.yml') -ErrorVariable dup -ErrorAction SilentlyContinue
        $dup[0].Exception.Message | Should -Match "line 5, column 5: duplicate key 'privileged'"
        $null = Get-ComposeHardening -LiteralPath (Join-Path $BadDir 'tab-indent.yml') -ErrorVariable tab -ErrorAction SilentlyContinue
        $tab[0].Exception.Message | Should -Match 'line 3, column 1: a tab'
    }
}
