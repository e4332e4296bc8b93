#Requires -Version 7.4
# Reports survive the ways PowerShell moves objects between runspaces and processes: Start-Job/Receive-Job
# (serialized at depth 1 by default), Start-ThreadJob (live objects in the same process) and
# Export-Clixml/Import-Clixml (depth 2 by default). Each received set of reports keeps its findings as objects,
# keeps comparable severities, shows the same default view, and exports the same SARIF and JSON as the originals.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
param()

BeforeDiscovery {
    $Ways = @('Job', 'ThreadJob', 'Clixml') | ForEach-Object { @{ Way = $_ } }
}

Describe 'Reports across jobs and Clixml' -Tag 'Docker', 'Integration' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
        $Suite = Initialize-TestSuite -Name 'ser' -Engine
        $ModulePath = $Suite.Module
        $Images = $Suite.Images
        $RunId = $Suite.RunId
        $null = New-TestContainer -Name 'ser-default'
        $null = New-TestContainer -Name 'ser-privileged' -Arguments @('--privileged') -Image $Images.Latest
        $Pattern = "dh-test-$RunId-ser-*"
        $Live = @(Get-ContainerHardening -Name $Pattern -All | Sort-Object Name)
        $Dir = $Suite.Dir

        $audit = { param($module, $pattern) Import-Module $module; Get-ContainerHardening -Name $pattern -All }
        $Received = @{
            Job        = @(Start-Job $audit -ArgumentList $ModulePath, $Pattern | Receive-Job -Wait -AutoRemoveJob | Sort-Object Name)
            ThreadJob  = @(Start-ThreadJob $audit -ArgumentList $ModulePath, $Pattern | Receive-Job -Wait -AutoRemoveJob | Sort-Object Name)
        }
        $clixml = Join-Path $Dir 'reports.xml'
        $Live | Export-Clixml -LiteralPath $clixml
        $Received.Clixml = @(Import-Clixml -LiteralPath $clixml | Sort-Object Name)

        $LiveReported = @($Live.Findings | Where-Object Status -In 'Fail', 'Warn', 'Waived').Count
    }

    AfterAll {
        Remove-TestSuite $Suite
    }

    It 'audits the two fixtures in process' {
        $Live | Should -HaveCount 2
        $Live.Findings.Count | Should -BeGreaterThan 50
    }

    It 'serializes a job''s reports as Deserialized reports (the case the type data is for)' {
        $Received.Job[0].pstypenames[0] | Should -Be 'Deserialized.DockerHarden.Models.ContainerHardeningReport'
        $Received.Clixml[0].pstypenames[0] | Should -Be 'Deserialized.DockerHarden.Models.ContainerHardeningReport'
    }

    Context 'after <Way>' -ForEach $Ways {
        BeforeAll { $Reports = $Received[$Way] }

        It 'keeps every finding as an object with its rule, status and evidence' {
            $Reports | Should -HaveCount 2
            for ($i = 0; $i -lt 2; $i++) {
                $Reports[$i].Name | Should -Be $Live[$i].Name
                $Reports[$i].Findings | Should -HaveCount $Live[$i].Findings.Count
                foreach ($f in $Reports[$i].Findings) {
                    $f | Should -Not -BeOfType [string]
                    $f.RuleId | Should -Match '^DH1\d\d$'
                    $f.Evidence | Should -Not -BeNullOrEmpty
                }
                @($Reports[$i].Findings | Where-Object Status -EQ 'Fail').Count | Should -Be $Live[$i].FailCount
            }
        }

        It 'keeps severities readable and comparable: names, and SeverityRank / WorstSeverityRank numbers' {
            $privileged = $Reports | Where-Object Name -Like '*-ser-privileged'
            "$($privileged.WorstSeverity)" | Should -Be 'Critical'
            $privileged.WorstSeverityRank | Should -Be 4
            $privileged.Worst | Should -Be 'Critical'
            $dh104 = $privileged.Findings | Where-Object RuleId -EQ 'DH104'
            "$($dh104.Severity)" | Should -Be 'Critical'
            "$($dh104.Status)" | Should -Be 'Fail'
            @($Reports.Findings | Where-Object Severity -EQ 'High').Count | Should -Be @($Live.Findings | Where-Object Severity -EQ 'High').Count
            @($Reports.Findings | Where-Object SeverityRank -GE 3).Count | Should -Be @($Live.Findings | Where-Object Severity -GE 'High').Count
        }

        It 'keeps the header properties, so Sort-Object Fails sorts' {
            ($Reports | Sort-Object Fails).Name | Should -Be ($Live | Sort-Object FailCount).Name
            ($Reports | Sort-Object Fails -Descending)[0].Fails | Should -Be ($Live | Measure-Object FailCount -Maximum).Maximum
        }

        It 'shows the default report and findings views' {
            $text = $Reports | Out-String -Width 80
            $text | Should -Match 'Name\s+State\s+Score\s+Fails\s+Warns\s+Worst\s+Compliant'
            $text | Should -Match 'Critical\s+False'
            $findings = $Reports[0].Findings | Out-String -Width 80
            $findings | Should -Match 'RuleId\s+Severity\s+Status\s+Evidence'
            $findings | Should -Match "Target: $([regex]::Escape($Reports[0].Name))"
        }

        It 'exports the same SARIF and JSON as the original reports' {
            $sarif = Join-Path $Dir "$Way.sarif"
            $json = Join-Path $Dir "$Way.json"
            $Reports | Export-HardeningReport -Path $sarif -ErrorVariable errs
            $Reports | Export-HardeningReport -Path $json -ErrorVariable +errs
            @($errs) | Should -HaveCount 0
            @((Get-Content -Raw $sarif | ConvertFrom-Json).runs[0].results) | Should -HaveCount $LiveReported
            $targets = @(Get-Content -Raw $json | ConvertFrom-Json)
            $targets | Should -HaveCount 2
            @($targets.findings) | Should -HaveCount $Live.Findings.Count
            $original = Join-Path $Dir "live-$Way.json"
            $Live | Export-HardeningReport -Path $original
            Get-Content -Raw $json | Should -BeExactly (Get-Content -Raw $original)
        }
    }

    It 'names a report whose findings were serialized as text, once, instead of an error per finding' {
        $shallow = $Live | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json
        $shallow | Export-HardeningReport -Path (Join-Path $Dir 'shallow.json') -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs) | Should -HaveCount 2
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ExportFindingsAreText,*'
        "$($errs[0])" | Should -Match 'too shallowly'
    }
}
