#Requires -Version 7.2
# Tests of Get-ComposeHardening over the compose corpus in tests/compose: each case's expectations file
# (cases/<name>.psd1) lists rule results by service with the line of the key that decided them. No engine needed.
# The module under test comes from $env:DOCKERHARDEN_MODULE, else out/DockerHarden/DockerHarden.psd1.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
param()

BeforeDiscovery {
    $script:CaseDir = Join-Path $PSScriptRoot 'compose/cases'
    $script:AuditRows = foreach ($psd in Get-ChildItem -Path $CaseDir -Filter '*.psd1') {
        $case = Import-PowerShellDataFile -LiteralPath $psd.FullName
        foreach ($row in $case.Audit) {
            @{ Case = $psd.BaseName; Service = $row.Service; Rule = $row.Rule; Status = $row.Status; Line = $row.Line; Severity = $row.Severity }
        }
    }
    $script:EmptyFiles = @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'compose/empty') -Filter '*.yml' | ForEach-Object { @{ Name = $_.Name } })
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
        if ($Severity) { "$($finding.Severity)" | Should -Be $Severity -Because $finding.Evidence }
        $finding.Line | Should -Be $Line
        $finding.Column | Should -BeGreaterThan 0
        $finding.Target | Should -Be $Service
    }

    It 'writes one report per service with the line where the service starts' {
        $r = $Reports['restart']
        $r.Service | Should -Be @('always', 'bounded', 'many', 'swarm')
        $r.Line | Should -Be @(2, 5, 8, 11)
        $r[0].Path | Should -Be (Join-Path $CaseDir 'restart.yml')
        $r[0].Findings.Count | Should -Be @(Get-HardeningRule -View Compose).Count
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
    It 'merges the files named one by one in -Path as override files' {
        $dir = Join-Path $Scratch 'merge'
        New-Item -ItemType Directory -Path $dir | Out-Null
        Set-Content -LiteralPath (Join-Path $dir 'a-compose.yml') -Value "services:`n  web:`n    image: x:1`n    cap_add: [NET_ADMIN]`n    mem_limit: 64m`n"
        Set-Content -LiteralPath (Join-Path $dir 'b-compose.yml') -Value "services:`n  web:`n    privileged: true`n    cap_add: [SYS_ADMIN]`n    mem_limit: 128m`n  db:`n    image: y:1`n"
        $r = @(Get-ComposeHardening -Path (Join-Path $dir 'a-compose.yml'), (Join-Path $dir 'b-compose.yml'))
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
        { Get-ComposeHardening $file -ExcludeRule DH1* } | Should -Throw -ErrorId 'NoRuleSelected,DockerHarden.Commands.GetComposeHardeningCommand'
        (Get-ComposeHardening $file -MinimumSeverity High)[0].Findings.Severity | Should -Not -Contain 'Low'
    }

    It 'uses -FailOn for Compliant and ends with HardeningThresholdExceeded after the output' {
        $file = Join-Path $CaseDir 'logging.yml'
        (Get-ComposeHardening $file -Rule DH125 -FailOn High)[0].Compliant | Should -BeTrue
        $out = @(Get-ComposeHardening $file -Rule DH125 -FailOn Medium -ErrorVariable err -ErrorAction SilentlyContinue)
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

Describe 'Get-ComposeHardening paths and pipelines' {
    BeforeAll {
        function New-Project([hashtable] $Files) { New-ComposeProject -Root $Scratch -Files $Files }
        $One = "services:`n  web:`n    image: busybox:1`n"
        $Three = "services:`n  web:`n    privileged: true`n    user: root`n    mem_limit: 64m`n"
        $Two = "services:`n  a:`n    image: x:1`n  b:`n    image: y:1`n"
    }

    It 'names the file, line and column of the deciding key when files are merged, in objects and in SARIF' {
        $dir = New-Project @{ 'one.yml' = $One; 'three.yml' = $Three }
        $one = Join-Path $dir 'one.yml'; $three = Join-Path $dir 'three.yml'
        $compose = & docker-compose -f $one -f $three config -q 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "docker-compose accepts the pair: $compose"
        $r = @(Get-ComposeHardening -Path $one, $three)
        $r.Count | Should -Be 1
        $r[0].Path | Should -Be $one
        $r[0].Files | Should -Be @($one, $three)
        $f = $r[0].Findings
        $privileged = $f | Where-Object RuleId -eq DH104
        $privileged.File | Should -Be $three
        $privileged.Line | Should -Be 3
        $privileged.Column | Should -Be 5
        ($f | Where-Object RuleId -eq DH101).File | Should -Be $three
        ($f | Where-Object RuleId -eq DH101).Line | Should -Be 4
        ($f | Where-Object RuleId -eq DH131).File | Should -Be $one -Because 'image is set in one.yml'
        ($f | Where-Object RuleId -eq DH131).Line | Should -Be 3
        ($f | Where-Object RuleId -eq DH119).File | Should -Be $one -Because 'an absent key points at the service in the file that declares it'
        ($f | Where-Object RuleId -eq DH119).Line | Should -Be 2

        $sarif = Join-Path $dir 'merged.sarif'
        $r | Export-HardeningReport -Path $sarif -Force
        $results = (Get-Content -Raw -LiteralPath $sarif | ConvertFrom-Json).runs[0].results
        $location = ($results | Where-Object ruleId -eq DH104).locations[0].physicalLocation
        $location.artifactLocation.uri | Should -Be "file://$three"
        $location.region.startLine | Should -Be 3
        $location.region.startColumn | Should -Be 5
        ($results | Where-Object ruleId -eq DH119).locations[0].physicalLocation.artifactLocation.uri | Should -Be "file://$one"
    }

    It 'audits each match of a wildcard on its own: a malformed file is an error and the others are still audited' {
        $dir = New-Project @{ 'a.yml' = $One; 'b.yml' = "services:`n  web: [`n"; 'c.yml' = $Two }
        $r = @(Get-ComposeHardening -Path (Join-Path $dir '*.yml') -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Service | Should -Be @('web', 'a', 'b')
        $r.Path | Select-Object -Unique | Should -Be @((Join-Path $dir 'a.yml'), (Join-Path $dir 'c.yml'))
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ComposeParseFailed,DockerHarden.Commands.GetComposeHardeningCommand'
        $errs[0].TargetObject | Should -Be (Join-Path $dir 'b.yml')
        $errs[0].Exception.Message | Should -Match 'b\.yml.* at line 3, column 1: '
    }

    It 'pipes a report made with -LiteralPath [prod]/... back in, each set of files once' {
        $dir = New-Project @{ '[prod]/docker-compose.yml' = $Two; 'one.yml' = $One; 'three.yml' = $Three }
        $file = Join-Path $dir '[prod]/docker-compose.yml'
        $reports = @(Get-ComposeHardening -LiteralPath $file)
        $reports.Count | Should -Be 2
        $again = @($reports | Get-ComposeHardening -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $again.Service | Should -Be @('a', 'b') -Because 'two reports of one file audit it once'
        $again.Path | Should -Be @($file, $file)

        $merged = @(Get-ComposeHardening -Path (Join-Path $dir 'one.yml'), (Join-Path $dir 'three.yml') | Get-ComposeHardening)
        $merged.Count | Should -Be 1
        $merged[0].Files.Count | Should -Be 2 -Because 'a report of merged files audits the same merge again'
        ($merged[0].Findings | Where-Object RuleId -eq DH104).Status | Should -Be 'Fail'
    }

    It 'finds compose.yaml and its override file in a directory, as docker compose does' {
        $dir = New-Project @{
            'compose.yaml' = $One; 'compose.override.yaml' = "services:`n  web:`n    privileged: true`n"; 'docker-compose.yml' = $Two
        }
        $compose = Invoke-Command { Push-Location $dir; try { & docker-compose -f compose.yaml -f compose.override.yaml config -q 2>&1 } finally { Pop-Location } }
        $LASTEXITCODE | Should -Be 0 -Because "$compose"
        $r = @(Get-ComposeHardening $dir -WarningVariable warns -WarningAction SilentlyContinue)
        $r.Service | Should -Be 'web'
        $r[0].Files | Should -Be @((Join-Path $dir 'compose.yaml'), (Join-Path $dir 'compose.override.yaml'))
        ($r[0].Findings | Where-Object RuleId -eq DH104).File | Should -Be (Join-Path $dir 'compose.override.yaml')
        "$warns" | Should -Match 'docker-compose\.yml' -Because 'the file passed over is named'
        (Get-Item -LiteralPath $dir | Get-ComposeHardening -WarningAction SilentlyContinue).Service | Should -Be 'web' -Because 'a piped directory is discovered too'
    }

    It 'prefers compose.yml over docker-compose.yaml and docker-compose.yml over docker-compose.yaml' {
        $dir = New-Project @{ 'compose.yml' = $One; 'docker-compose.yaml' = $Two }
        (Get-ComposeHardening -LiteralPath $dir -WarningAction SilentlyContinue).Path | Should -Be (Join-Path $dir 'compose.yml')
        $dir = New-Project @{ 'docker-compose.yml' = $One; 'docker-compose.yaml' = $Two; 'docker-compose.override.yml' = $Three }
        $r = Get-ComposeHardening -LiteralPath $dir -WarningAction SilentlyContinue
        $r.Files | Should -Be @((Join-Path $dir 'docker-compose.yml'), (Join-Path $dir 'docker-compose.override.yml'))
    }

    It 'without a path, audits the project of the current directory or its nearest parent, without prompting' {
        $dir = New-Project @{ 'docker-compose.yml' = $Two; 'sub/deeper/readme.txt' = 'x' }
        Push-Location -LiteralPath (Join-Path $dir 'sub/deeper')
        try { $r = @(Get-ComposeHardening -Verbose 4>&1) } finally { Pop-Location }
        $reports = @($r | Where-Object { $_ -is [DockerHarden.Models.ComposeHardeningReport] })
        $verbose = ($r | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n"
        $reports.Service | Should -Be @('a', 'b')
        $reports[0].Path | Should -Be (Join-Path $dir 'docker-compose.yml')
        $verbose | Should -Match ([regex]::Escape("Looking for compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml in $(Join-Path $dir 'sub/deeper') and its parents"))
        $verbose | Should -Match ([regex]::Escape("Found $(Join-Path $dir 'docker-compose.yml'); no override file"))
        $verbose | Should -Match ([regex]::Escape("Reading $(Join-Path $dir 'docker-compose.yml')"))
    }

    It 'names the directory and the names searched when a directory has no compose file' {
        $dir = New-Project @{ 'other.yml' = $One }
        $r = Get-ComposeHardening -Path $dir -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ComposeFileNotFound,DockerHarden.Commands.GetComposeHardeningCommand'
        $errs[0].Exception.Message | Should -Be "No compose file in '$dir': looked for compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml. Name the file with -Path."
    }

    It 'does nothing for an empty pipeline, and audits an explicit -Path even then' {
        $dir = New-Project @{ 'compose.yaml' = $Two }
        Push-Location -LiteralPath $dir
        try {
            @(@() | Get-ComposeHardening -ErrorVariable errs) | Should -BeNullOrEmpty -Because 'an empty pipeline never discovers the current directory'
            $errs | Should -BeNullOrEmpty
            (@() | Get-ComposeHardening -Path compose.yaml).Service | Should -Be @('a', 'b')
            (@() | Get-ComposeHardening -LiteralPath (Join-Path $dir 'compose.yaml')).Service | Should -Be @('a', 'b')
        }
        finally { Pop-Location }
    }

    It 'writes a non-terminating error for pipeline input without a usable path and goes on' {
        $dir = New-Project @{ 'compose.yaml' = $Two }
        $r = @([pscustomobject]@{ Name = 'web' }, (Get-Item -LiteralPath (Join-Path $dir 'compose.yaml')), $null |
            Get-ComposeHardening -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Service | Should -Be @('a', 'b')
        $errs.Count | Should -Be 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ComposeFileNotFound,*'
    }

    It 'says under -Verbose which files it reads and merges, and what it skips' {
        $dir = New-Project @{ 'one.yml' = $One; 'three.yml' = $Three; 'two.yml' = $Two }
        $one = Join-Path $dir 'one.yml'; $three = Join-Path $dir 'three.yml'; $two = Join-Path $dir 'two.yml'
        $verbose = (Get-ComposeHardening -Path $one, $three -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n"
        $verbose | Should -Match ([regex]::Escape("Merging 2 files in order, as docker compose -f merges them: $one, $three"))
        $verbose | Should -Match ([regex]::Escape("Reading $three"))
        $verbose | Should -Match ([regex]::Escape("$one + ${three}: 1 service(s) audited with $(@(Get-HardeningRule -View Compose).Count) rule(s)"))
        $verbose = (Get-ComposeHardening -LiteralPath $two | Get-ComposeHardening -Verbose 4>&1 |
            Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n"
        $verbose | Should -Match ([regex]::Escape("Skipping ${two}: already processed in this call"))
        $verbose = (Get-ComposeHardening -Path (Join-Path $dir 't*.yml') -Verbose 4>&1 | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n"
        $verbose | Should -Match "t\*\.yml' matches 2 compose project\(s\), each audited on its own"
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
        $elapsed.TotalSeconds | Should -BeLessThan 10 -Because "a malformed file fails fast (a generous bound: it catches a hang, not a slow machine)"
    }

    It 'points at the duplicate key and the tab' {
        $null = Get-ComposeHardening -LiteralPath (Join-Path $BadDir 'duplicate-key.yml') -ErrorVariable dup -ErrorAction SilentlyContinue
        $dup[0].Exception.Message | Should -Match "line 5, column 5: duplicate key 'privileged'"
        $null = Get-ComposeHardening -LiteralPath (Join-Path $BadDir 'tab-indent.yml') -ErrorVariable tab -ErrorAction SilentlyContinue
        $tab[0].Exception.Message | Should -Match 'line 3, column 1: a tab'
    }
}

Describe 'A file that parses but has no services to audit' {
    It '<Name> gives no report and a warning naming the file, and fails the -FailOn gate' -ForEach $EmptyFiles {
        $file = Join-Path $PSScriptRoot "compose/empty/$Name"
        $r = Get-ComposeHardening -LiteralPath $file -FailOn Critical -WarningVariable warns -WarningAction SilentlyContinue -ErrorVariable errs -ErrorAction SilentlyContinue
        @($r).Count | Should -Be 0 -Because 'an empty services: is not a version-1 service named "services"'
        @($warns).Count | Should -Be 1
        "$($warns[0])" | Should -Match ([regex]::Escape($file) + ': no services to audit')
        $gate = @($errs | Where-Object FullyQualifiedErrorId -Like 'HardeningThresholdExceeded,*')
        $gate.Count | Should -Be 1 -Because 'a file with nothing judged must not pass a gate'
        $gate[0].TargetObject.NotAudited | Should -Be "$file (no services to audit)"
    }

    It 'passes no gate without -FailOn either way: the warning alone, no error' {
        $file = Join-Path $PSScriptRoot 'compose/empty/services-empty.yml'
        $null = Get-ComposeHardening -LiteralPath $file -WarningVariable warns -WarningAction SilentlyContinue -ErrorVariable errs -ErrorAction SilentlyContinue
        @($warns).Count | Should -Be 1
        @($errs).Count | Should -Be 0
    }
}

Describe 'A complex service key' {
    It 'is named as written in the error' {
        $file = Join-Path $PSScriptRoot 'compose/bad/complex-key.yml'
        $null = Get-ComposeHardening -LiteralPath $file -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs[0].Exception.Message | Should -Match "line 2, column 5: the service key '\[a, b\]' is a list"
    }
}
