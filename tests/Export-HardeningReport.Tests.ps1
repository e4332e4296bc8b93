#Requires -Version 7.4
# Real-engine tests of Export-HardeningReport: a few labelled containers are audited with Get-ContainerHardening
# and the reports (plus two synthetic waived findings, as the policy cmdlets will produce) are exported in every
# format. SARIF is checked against the SARIF 2.1.0 JSON schema in tests/schemas. The module under test comes from
# $env:DOCKERHARDEN_MODULE, else from out/DockerHarden beside this folder.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
param()

Describe 'Export-HardeningReport over a real audit' -Tag 'Docker', 'Integration' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
        $modulePath = Get-ModuleUnderTest
        Import-Module $modulePath -Force

        $null = Initialize-TestEngine
        $Images = Initialize-TestImage
        $RunId = Get-TestRunId
        $Secret = "s3cr3t-$RunId-value"
        $Network = New-TestNetwork 'export'
        $null = New-TestContainer -Name 'export-default'
        $null = New-TestContainer -Name 'export-hardened' -Arguments (Get-HardenedArgument -Network $Network) -Start
        $null = New-TestContainer -Name 'export-secret' -Arguments @('-e', "DB_PASSWORD=$Secret", '-p', '18127:80')
        $null = New-TestContainer -Name 'export-privileged' -Arguments @('--privileged', '--log-driver', 'none') -Image $Images.Latest

        $Reports = @(Get-ContainerHardening -Name "dh-test-$RunId-export-*" -All)

        # Waivers come from the policy work; until then a finding built by hand (and one from the future shape,
        # with WaiverReason, as a plain object) stands in for them.
        $Waived = [DockerHarden.Models.HardeningFinding]::new('DH119', 'ReadOnlyRootFilesystem',
            'Run with a read-only root filesystem', 'Medium', 'Waived', "dh-test-$RunId-waived", 'ReadonlyRootfs is false',
            '--read-only', '7.4', '5.13')
        $Future = [pscustomobject]@{
            RuleId = 'DH101'; Name = 'RunAsNonRootUser'; Title = 'Run as non-root'; Severity = 'High'; Status = 'Waived'
            Target = "dh-test-$RunId-waived"; Evidence = 'user root'; Remediation = '--user 10001:10001'
            SeedSection = '2'; CisId = '4.1'; WaiverReason = 'the init step needs root & "chown"'
        }
        $Inputs = @($Reports) + $Waived + $Future
        $AllFindings = @($Reports.Findings) + $Waived + $Future
        $Reported = @($AllFindings | Where-Object { "$($_.Status)" -in 'Fail', 'Warn', 'Waived' })
        $TargetCount = $Reports.Count + 1

        $Dir = Join-Path ([IO.Path]::GetTempPath()) "dh-test-$RunId-export"
        New-Item -ItemType Directory -Force -Path $Dir | Out-Null
        $Files = @{}
        foreach ($format in 'Sarif', 'JUnit', 'Json', 'Html') {
            $Files[$format] = Join-Path $Dir "report-$format.out"
            $Inputs | Export-HardeningReport -Path $Files[$format] -Format $format -ErrorVariable +ExportErrors
        }

        # Test-Json knows draft-07, not the schema's draft-04: the same schema with its dialect and id renamed.
        $Schema = Join-Path $Dir 'sarif-2.1.0.draft07.json'
        (Get-Content -Raw (Join-Path $PSScriptRoot 'schemas/sarif-2.1.0-rtm.5.json')) `
            -replace 'http://json-schema.org/draft-04/schema#', 'http://json-schema.org/draft-07/schema#' `
            -replace '(?m)^    "id":', '    "$id":' | Set-Content -LiteralPath $Schema -Encoding utf8NoBOM
        $Sarif = Get-Content -Raw $Files.Sarif | ConvertFrom-Json
    }

    AfterAll {
        if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
        if ($Dir) { Remove-Item -LiteralPath $Dir -Recurse -Force -ErrorAction SilentlyContinue }
    }

    It 'audits the fixtures and exports without errors' {
        $Reports | Should -HaveCount 4
        @($ExportErrors) | Should -HaveCount 0
        foreach ($file in $Files.Values) { (Get-Item $file).Length | Should -BeGreaterThan 200 }
    }

    Context 'SARIF' {
        It 'validates against the SARIF 2.1.0 schema' {
            Test-Json -Path $Files.Sarif -SchemaFile $Schema | Should -BeTrue
        }

        It 'fails the schema check when the file is broken (the check can fail)' {
            $bad = Join-Path $Dir 'bad.sarif'
            (Get-Content -Raw $Files.Sarif) -replace '"level": "error"', '"level": "fatal"' | Set-Content -LiteralPath $bad
            Test-Json -Path $bad -SchemaFile $Schema -ErrorAction SilentlyContinue | Should -BeFalse
        }

        It 'has one result per Fail, Warn and Waived finding' {
            $Reported.Count | Should -BeGreaterThan 10
            @($Sarif.runs[0].results) | Should -HaveCount $Reported.Count
            foreach ($group in $Reported | Group-Object RuleId) {
                @($Sarif.runs[0].results | Where-Object ruleId -EQ $group.Name) | Should -HaveCount $group.Count -Because $group.Name
            }
        }

        It 'describes every evaluated rule, and each result points at its rule' {
            $rules = @($Sarif.runs[0].tool.driver.rules)
            $rules.id | Should -Be (@($AllFindings.RuleId | Sort-Object -Unique -CaseSensitive))
            foreach ($result in $Sarif.runs[0].results) {
                $rules[$result.ruleIndex].id | Should -Be $result.ruleId
            }
            $dh104 = $rules | Where-Object id -EQ 'DH104'
            $dh104.name | Should -Be 'NotPrivileged'
            $dh104.properties.cisId | Should -Be '5.5'
            $dh104.properties.'security-severity' | Should -Be '9.5'
            $dh104.defaultConfiguration.level | Should -Be 'error'
            $dh104.help.text | Should -Not -BeNullOrEmpty
        }

        It 'names the container, host and image of a result' {
            $name = "dh-test-$RunId-export-privileged"
            $result = $Sarif.runs[0].results | Where-Object { $_.ruleId -eq 'DH104' -and $_.properties.target -eq $name }
            $result.level | Should -Be 'error'
            $result.locations[0].logicalLocations[0].name | Should -Be $name
            $result.properties.image | Should -Be $Images.Latest
            $result.properties.containerId | Should -Be ($Reports | Where-Object Name -EQ $name).ContainerId
            $result.properties.dockerHost | Should -Not -BeNullOrEmpty
        }

        It 'suppresses waived findings with their reason' {
            $waived = @($Sarif.runs[0].results | Where-Object { $_.suppressions })
            $waived | Should -HaveCount 2
            ($waived | Where-Object ruleId -EQ 'DH101').suppressions[0].justification | Should -Be 'the init step needs root & "chown"'
            $waived.suppressions.kind | Sort-Object -Unique | Should -Be 'external'
        }
    }

    Context 'JUnit' {
        BeforeAll { [xml] $Xml = Get-Content -Raw $Files.JUnit }

        It 'has one testsuite per target and one testcase per target and rule' {
            @($Xml.testsuites.testsuite) | Should -HaveCount $TargetCount
            [int] $Xml.testsuites.tests | Should -Be $AllFindings.Count
        }

        It 'counts failures and skips per container as the report does' {
            foreach ($report in $Reports) {
                $suite = $Xml.testsuites.testsuite | Where-Object name -EQ $report.Name
                [int] $suite.failures | Should -Be $report.FailCount -Because $report.Name
                [int] $suite.tests | Should -Be $report.Findings.Count
                [int] $suite.skipped | Should -Be @($report.Findings | Where-Object Status -EQ 'NotApplicable').Count
                @($suite.testcase | Where-Object { $_.failure }) | Should -HaveCount $report.FailCount
            }
        }

        It 'turns a Fail into a failure carrying evidence and severity, and a Warn into system-out' {
            $name = "dh-test-$RunId-export-privileged"
            $case = ($Xml.testsuites.testsuite | Where-Object name -EQ $name).testcase | Where-Object name -EQ 'DH104 NotPrivileged'
            $case.classname | Should -Be $name
            $case.failure.type | Should -Be 'Critical'
            $case.failure.message | Should -Not -BeNullOrEmpty
            $warn = $Reports.Findings | Where-Object Status -EQ 'Warn' | Select-Object -First 1
            $warnCase = ($Xml.testsuites.testsuite | Where-Object name -EQ $warn.Target).testcase | Where-Object name -EQ "$($warn.RuleId) $($warn.Name)"
            $warnCase.failure | Should -BeNullOrEmpty
            $warnCase.'system-out' | Should -Match ([regex]::Escape($warn.Evidence))
        }
    }

    Context 'JSON' {
        It 'round-trips through ConvertFrom-Json with the same targets and findings' {
            $targets = @(Get-Content -Raw $Files.Json | ConvertFrom-Json)
            $targets | Should -HaveCount $TargetCount
            @($targets.findings) | Should -HaveCount $AllFindings.Count
            foreach ($status in 'Pass', 'Fail', 'Warn', 'NotApplicable', 'Waived') {
                @($targets.findings | Where-Object status -CEQ $status).Count |
                    Should -Be @($AllFindings | Where-Object { "$($_.Status)" -eq $status }).Count -Because $status
            }
            $secret = $targets | Where-Object name -EQ "dh-test-$RunId-export-secret"
            $secret.kind | Should -Be 'Container'
            $secret.containerId | Should -Be ($Reports | Where-Object Name -EQ $secret.name).ContainerId
        }

        It 'gives each target its score, compliance, worst severity and state, as the report has them' {
            $targets = @(Get-Content -Raw $Files.Json | ConvertFrom-Json)
            foreach ($report in $Reports) {
                $t = $targets | Where-Object name -EQ $report.Name
                $t.score | Should -Be $report.Score -Because $report.Name
                $t.compliant | Should -Be $report.Compliant -Because $report.Name
                "$($t.worstSeverity)" | Should -Be "$($report.WorstSeverity)" -Because $report.Name
                $t.worstSeverityRank | Should -Be $report.WorstSeverityRank -Because $report.Name
                $t.state | Should -Be $report.State -Because $report.Name
            }
            ($targets | Where-Object name -EQ "dh-test-$RunId-export-privileged").worstSeverity | Should -Be 'Critical'
            ($targets | Where-Object name -EQ "dh-test-$RunId-export-hardened").state | Should -Be 'running'
        }

        It 'can be piped back in and gives the same SARIF' {
            $again = Join-Path $Dir 'again.sarif'
            Get-Content -Raw $Files.Json | ConvertFrom-Json | Export-HardeningReport -Path $again
            Get-Content -Raw $again | Should -BeExactly (Get-Content -Raw $Files.Sarif)
        }
    }

    Context 'HTML' {
        BeforeAll { $Html = Get-Content -Raw $Files.Html }

        It 'has a summary, two inline SVG charts and one sortable table per target' {
            ([regex]::Matches($Html, '<table class="findings sortable">')).Count | Should -Be $TargetCount
            ([regex]::Matches($Html, '<svg ')).Count | Should -Be 2
            $Html | Should -Match '<section id="summary">'
            $Html | Should -Match '<script>'
        }

        It 'loads nothing from the network' {
            $Html | Should -Not -Match '<script[^>]*\bsrc='
            $Html | Should -Not -Match '<link[^>]*\bhref='
            $Html | Should -Not -Match '\b(src|href)\s*=\s*"?(https?:)?//'
        }

        It 'shows Score and Compliant in the summary, and colours severity only where a rule failed or warned' {
            $summary = [regex]::Match($Html, '<table class="overview sortable">.*?</table>', 'Singleline').Value
            $summary | Should -Match '<th data-type="num">Score</th><th data-type="num">Compliant</th>'
            $hardened = $Reports | Where-Object Name -Like '*-export-hardened'
            $summary | Should -Match ([regex]::Escape("$($hardened.Name)</a></td><td>Container</td><td data-sort=""$($hardened.Score.ToString('0.0', [cultureinfo]::InvariantCulture))"""))
            @([regex]::Matches($Html, '<tr class="st-Pass">.*?</tr>').Value | Where-Object { $_ -match 'sev-' }) | Should -HaveCount 0
        }

        It 'HTML-encodes real evidence' {
            $quoted = @($Reports.Findings | Where-Object { $_.Evidence -match "['""&<>]" })
            $quoted.Count | Should -BeGreaterThan 0
            foreach ($finding in $quoted | Select-Object -First 5) {
                $Html | Should -Match ([regex]::Escape([Net.WebUtility]::HtmlEncode($finding.Evidence)))
                $Html.Contains($finding.Evidence) | Should -BeFalse -Because "raw evidence '$($finding.Evidence)' must not appear"
            }
            $Html | Should -Match ([regex]::Escape('the init step needs root &amp; &quot;chown&quot;'))
        }
    }

    Context 'HTML in a real browser' {
        BeforeAll {
            $Browser = Initialize-TestBrowser
            # A probe appended to a copy of the page runs after the page's own script, in the page: it clicks the
            # summary's Score header (the page's sort handler does the sorting) and records what the browser
            # rendered: the summary rows in order, the headers, and the computed colour of every severity cell.
            $probe = @'
<script>
(function () {
  var out = {};
  var summary = document.querySelector('#summary table');
  out.headers = Array.prototype.map.call(summary.tHead.rows[0].cells, function (c) { return c.textContent.trim(); });
  var score = Array.prototype.filter.call(summary.tHead.rows[0].cells, function (c) { return c.textContent.trim() === 'Score'; })[0];
  score.click();
  out.sortedOnce = Array.prototype.map.call(summary.tBodies[0].rows, function (r) { return parseFloat(r.cells[2].textContent); });
  out.ariaSort = score.getAttribute('aria-sort');
  score.click();
  out.sortedTwice = Array.prototype.map.call(summary.tBodies[0].rows, function (r) { return parseFloat(r.cells[2].textContent); });
  out.cells = [];
  document.querySelectorAll('table.findings tbody tr').forEach(function (row) {
    out.cells.push({ status: row.className.replace('st-', ''), severity: row.cells[2].textContent.trim(), color: getComputedStyle(row.cells[2]).color });
  });
  var pre = document.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
'@
            $page = Join-Path $Dir 'probed.html'
            (Get-Content -Raw $Files.Html) -replace '</body>', "$probe</body>" | Set-Content -LiteralPath $page -Encoding utf8NoBOM
            $userData = Join-Path $Dir 'chromium-profile'
            $dom = (& $Browser --headless --no-sandbox --disable-gpu --no-first-run "--user-data-dir=$userData" --dump-dom "file://$page" 2>$null) -join "`n"
            $Probe = [Net.WebUtility]::HtmlDecode([regex]::Match($dom, '<pre id="probe">(.*?)</pre>', 'Singleline').Groups[1].Value) | ConvertFrom-Json
        }

        It 'renders the summary with Score and Compliant columns' {
            $Probe | Should -Not -BeNullOrEmpty -Because 'the page and the probe ran in Chromium'
            $Probe.headers | Should -Be @('Target', 'Kind', 'Score', 'Compliant', 'Worst', 'Fail', 'Warn', 'Waived', 'Pass', 'Not applicable')
        }

        It 'sorts the summary by Score when its header is clicked, and reverses on a second click' {
            $scores = @($Probe.sortedOnce)
            $scores | Should -HaveCount $TargetCount
            $scores | Should -Be @($scores | Sort-Object)
            $Probe.ariaSort | Should -Be 'ascending'
            @($Probe.sortedTwice) | Should -Be @($scores | Sort-Object -Descending)
            ($scores | Select-Object -Unique).Count | Should -BeGreaterThan 1 -Because 'the check must be able to fail'
        }

        It 'never paints the severity of a passed rule red, and paints a failed High one red' {
            $red = 'rgb(209, 36, 47)'
            $passes = @($Probe.cells | Where-Object status -EQ 'Pass')
            @($passes | Where-Object severity -In 'High', 'Critical').Count | Should -BeGreaterThan 0
            @($passes | Where-Object color -EQ $red) | Should -HaveCount 0
            @($Probe.cells | Where-Object { $_.status -eq 'Fail' -and $_.severity -eq 'High' } | Where-Object color -EQ $red).Count | Should -BeGreaterThan 0
        }
    }

    It 'never writes the value of a secret environment variable' {
        ($Reports | Where-Object Name -Like '*-export-secret').Findings |
            Where-Object RuleId -EQ 'DH130' | ForEach-Object Status | Should -Be 'Fail'
        foreach ($file in $Files.Values) {
            Get-Content -Raw $file | Should -Not -Match ([regex]::Escape($Secret)) -Because $file
            Get-Content -Raw $file | Should -Match 'DB_PASSWORD'
        }
    }

    Context 'files and parameters' {
        It 'infers the format from the extension when -Format is omitted' {
            Push-Location $Dir
            try {
                $Reports | Export-HardeningReport -Path 'inferred.sarif.json'
                $Reports | Export-HardeningReport -Path 'inferred.xml'
                $Reports | Export-HardeningReport -Path 'inferred.json'
                $Reports | Export-HardeningReport -Path 'inferred.html'
            }
            finally { Pop-Location }
            (Get-Content -Raw (Join-Path $Dir 'inferred.sarif.json') | ConvertFrom-Json).version | Should -Be '2.1.0'
            ([xml] (Get-Content -Raw (Join-Path $Dir 'inferred.xml'))).DocumentElement.LocalName | Should -Be 'testsuites'
            (Get-Content -Raw (Join-Path $Dir 'inferred.json') | ConvertFrom-Json)[0].kind | Should -Be 'Container'
            Get-Content -Raw (Join-Path $Dir 'inferred.html') | Should -Match '^<!DOCTYPE html>'
        }

        It 'resolves a relative -Path against the PowerShell location, not the process directory' {
            $sub = New-Item -ItemType Directory -Force -Path (Join-Path $Dir 'sub')
            Push-Location $sub
            try { $file = $Reports | Export-HardeningReport -Path 'rel.json' -PassThru }
            finally { Pop-Location }
            $file.Path | Should -Be (Join-Path $sub.FullName 'rel.json')
            Test-Path -LiteralPath $file.Path | Should -BeTrue
        }

        It 'returns a small result with -PassThru: path, format, targets and findings, shown by its view' {
            $file = Join-Path $Dir 'passthru.sarif'
            $result = $Inputs | Export-HardeningReport -Path $file -PassThru
            $result | Should -BeOfType ([DockerHarden.Models.ReportExportResult])
            $result.Path | Should -Be $file
            "$($result.Format)" | Should -Be 'Sarif'
            $result.Targets | Should -Be $TargetCount
            $result.Findings | Should -Be $AllFindings.Count
            $text = $result | Out-String -Width 200
            $text | Should -Match 'Path\s+Format\s+Targets\s+Findings'
            $text | Should -Match "$([regex]::Escape($file))\s+Sarif\s+$TargetCount\s+$($AllFindings.Count)"
        }

        It 'writes an empty report for an empty pipeline, so the file never shows an older run' {
            $file = Join-Path $Dir 'empty.json'
            Set-Content -LiteralPath $file -Value 'an older run'
            $result = @() | Export-HardeningReport -Path $file -Force -PassThru -ErrorVariable errs
            @($errs) | Should -HaveCount 0
            $result.Targets | Should -Be 0
            (Get-Content -Raw $file).Trim() | Should -Be '[]'
        }

        It 'reports each foreign input once and exports the rest' {
            $file = Join-Path $Dir 'foreign.json'
            @((Get-Item $Dir), 42, $Reports[0]) | Export-HardeningReport -Path $file -ErrorVariable problems -ErrorAction SilentlyContinue
            @($problems.FullyQualifiedErrorId) | Should -Be @(
                'ExportInputNotSupported,DockerHarden.Commands.ExportHardeningReportCommand',
                'ExportInputNotSupported,DockerHarden.Commands.ExportHardeningReportCommand')
            @(Get-Content -Raw $file | ConvertFrom-Json) | Should -HaveCount 1
        }

        It 'stops on an unknown extension without -Format' {
            { $Reports | Export-HardeningReport -Path (Join-Path $Dir 'report.txt') -ErrorAction Stop } |
                Should -Throw -ErrorId 'ReportFormatUnknown,*'
            Test-Path (Join-Path $Dir 'report.txt') | Should -BeFalse
        }

        It 'leaves an existing file untouched without -Force, and overwrites it with -Force' {
            $file = Join-Path $Dir 'existing.json'
            Set-Content -LiteralPath $file -Value 'keep me' -NoNewline
            { $Reports | Export-HardeningReport -Path $file -ErrorAction Stop } | Should -Throw -ErrorId 'ReportFileExists,*'
            Get-Content -Raw $file | Should -BeExactly 'keep me'
            $Reports | Export-HardeningReport -Path $file -Force
            @(Get-Content -Raw $file | ConvertFrom-Json) | Should -HaveCount $Reports.Count
            @(Get-ChildItem -LiteralPath $Dir -Filter '*.tmp' -Force) | Should -HaveCount 0
        }

        It 'writes nothing with -WhatIf' {
            $file = Join-Path $Dir 'whatif.html'
            $Reports | Export-HardeningReport -Path $file -WhatIf
            Test-Path -LiteralPath $file | Should -BeFalse
        }

        It 'reports input it cannot read and still writes the rest' {
            $file = Join-Path $Dir 'mixed.json'
            @($Reports[0], 'not a report', [pscustomobject]@{ RuleId = 'DH101'; Status = 'Bogus'; Severity = 'High' }) |
                Export-HardeningReport -Path $file -ErrorVariable problems -ErrorAction SilentlyContinue
            @($problems.FullyQualifiedErrorId) | Should -Be @(
                'ExportInputNotSupported,DockerHarden.Commands.ExportHardeningReportCommand',
                'ExportFindingInvalid,DockerHarden.Commands.ExportHardeningReportCommand')
            @(Get-Content -Raw $file | ConvertFrom-Json) | Should -HaveCount 1
        }

        It 'stops when the directory does not exist' {
            { $Reports | Export-HardeningReport -Path (Join-Path $Dir 'missing/r.json') -ErrorAction Stop } |
                Should -Throw -ErrorId 'ReportDirectoryNotFound,*'
        }
    }
}
