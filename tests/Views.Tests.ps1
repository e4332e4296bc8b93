#Requires -Version 7.4
# What people see: the default views of the reports and findings at 80 columns, their headers (which must be
# properties, so that Sort-Object by a header works), grouping by engine, and colour for Fail and Warn that
# honours OutputRendering PlainText and NO_COLOR. Over real audits of the real engine and a real compose file.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
param()

BeforeDiscovery {
    $Views = @(
        @{ View = 'container reports'; Key = 'Containers'; Columns = 'Name', 'State', 'Score', 'Fails', 'Warns', 'Worst', 'Compliant', 'Image' }
        @{ View = 'daemon reports'; Key = 'Daemon'; Columns = 'DockerHost', 'Version', 'Score', 'Fails', 'Warns', 'Worst', 'Compliant' }
        @{ View = 'compose reports'; Key = 'Compose'; Columns = 'Service', 'Line', 'Score', 'Fails', 'Warns', 'Worst', 'Compliant' }
        @{ View = 'image reports'; Key = 'Images'; Columns = 'Name', 'User', 'Created', 'Score', 'Fails', 'Warns', 'Worst', 'Compliant' }
        @{ View = 'findings'; Key = 'Findings'; Columns = 'RuleId', 'Severity', 'Status', 'Evidence' }
    )
}

Describe 'Default views' -Tag 'Docker', 'Integration' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
        $Suite = Initialize-TestSuite -Name 'views' -Engine
        $ModulePath = $Suite.Module
        $Endpoint = $Suite.Endpoint
        $Images = $Suite.Images
        $RunId = $Suite.RunId
        $Network = New-TestNetwork 'views'
        $null = New-TestContainer -Name 'views-default'
        $null = New-TestContainer -Name 'views-hardened' -Arguments (Get-HardenedArgument -Network $Network) -Start
        $null = New-TestContainer -Name 'views-privileged' -Arguments @('--privileged', '-p', '18128:80') -Image $Images.Latest
        $Containers = @(Get-ContainerHardening -Name "dh-test-$RunId-views-*" -All)
        $Daemon = @(Test-DaemonHardening)

        $Dir = $Suite.Dir
        $ComposeFile = Join-Path $Dir 'docker-compose.yml'
        Set-Content -LiteralPath $ComposeFile -Value @(
            'services:'
            '  web:'
            '    image: dockerharden-test/busybox:1.0'
            '    privileged: true'
            '  worker-with-a-rather-long-service-name:'
            '    image: dockerharden-test/busybox:1.0'
        )
        $Compose = @(Get-ComposeHardening -Path $ComposeFile)
        # The image view had nine columns over 80 (a Layers column and a wrapped Compliant) before it was checked here.
        $ImageReports = @(Get-ImageHardening -Name $Images.Pinned, $Images.Latest -SkipLayerScan)

        function Get-Rendered([object[]] $InputObject) {
            # Out-String -Width 80 is what an 80-column console gets; trailing blanks are padding, not content.
            @(($InputObject | Out-String -Width 80) -split '\r?\n' | ForEach-Object TrimEnd)
        }

        function Get-Header([string[]] $Lines) {
            # The header is the line above the first dashes line.
            $i = [array]::FindIndex($Lines, [Predicate[string]] { param($l) $l -match '^-{2,}( +-{2,})+$' })
            @($Lines[$i - 1] -split '\s+' | Where-Object { $_ })
        }

        $Objects = @{
            Containers = $Containers
            Daemon     = $Daemon
            Compose    = $Compose
            Images     = $ImageReports
            Findings   = @($Containers | Sort-Object Name | ForEach-Object { $_.Findings | Where-Object Status -NE 'Pass' })
        }
    }

    AfterAll {
        Remove-TestSuite $Suite
    }

    Context 'the <View> view' -ForEach $Views {
        BeforeAll {
            $Items = $Objects[$Key]
            $Lines = Get-Rendered $Items
            $Clixml = Join-Path $Dir "$Key.xml"
            $Items | Export-Clixml -LiteralPath $Clixml
            $Deserialized = @(Import-Clixml -LiteralPath $Clixml)
        }

        It 'fits 80 columns with every column shown' {
            $Items.Count | Should -BeGreaterThan 0
            foreach ($line in $Lines) { $line.Length | Should -BeLessOrEqual 80 -Because "'$line'" }
            Get-Header $Lines | Should -Be $Columns
        }

        It 'names only properties in its headers, so that Sort-Object by a header sorts' {
            foreach ($column in $Columns) {
                foreach ($item in $Items) {
                    $item.PSObject.Properties[$column] | Should -Not -BeNullOrEmpty -Because "header $column must be a property"
                }
                foreach ($item in $Deserialized) {
                    $item.PSObject.Properties[$column] | Should -Not -BeNullOrEmpty -Because "header $column must survive Export-Clixml"
                }
            }
        }

        It 'is the view of the deserialized objects too' {
            $Deserialized[0].pstypenames[0] | Should -BeLike 'Deserialized.DockerHarden.Models.*'
            Get-Header (Get-Rendered $Deserialized) | Should -Be $Columns
        }
    }

    It 'shows Critical and Compliant whole in the container view' {
        $row = (Get-Rendered $Containers) | Where-Object { $_ -match '^dh-test-\S+' -and $_ -match 'created' -and $_ -match 'Critical' }
        $row | Should -Not -BeNullOrEmpty
        $row | Should -Match '\bCritical\s+False\b'
    }

    It 'sorts by the Fails, Warns and Worst headers as by the properties they name' {
        ($Containers | Sort-Object Fails).Name | Should -Be ($Containers | Sort-Object FailCount).Name
        ($Containers | Sort-Object Warns, Name).Name | Should -Be ($Containers | Sort-Object WarnCount, Name).Name
        ($Containers | Sort-Object Worst -Descending)[0].Worst | Should -Be 'Critical'
        ($Daemon | Select-Object -First 1).Version | Should -Be $Daemon[0].ServerVersion
        # Sorting by a name that is not a property is the silent failure this guards against: it keeps input order.
        ($Containers | Sort-Object FailCount).Name | Should -Not -Be ($Containers | Sort-Object -Descending FailCount).Name
    }

    It 'wraps Evidence in the findings view and never cuts the rule id or the evidence' {
        $lines = Get-Rendered $Objects.Findings
        $text = ($lines -join "`n") -replace '\s', ''
        foreach ($finding in $Objects.Findings) {
            $lines | Where-Object { $_.StartsWith("$($finding.RuleId) ") } | Should -Not -BeNullOrEmpty -Because "$($finding.RuleId) starts a row"
            $text.Contains(($finding.Evidence -replace '\s', '')) | Should -BeTrue -Because "the evidence of $($finding.RuleId) is shown whole"
        }
        @($lines | Where-Object { $_ -match '^\s+Target: ' }) | Should -HaveCount 3
    }

    It 'wraps Evidence between words, so that no word is split across lines' {
        $lines = Get-Rendered $Objects.Findings
        $words = @($Objects.Findings.Evidence | ForEach-Object { $_ -split '\s+' } | Where-Object { $_.Length -ge 4 -and $_.Length -le 40 } | Sort-Object -Unique)
        $words.Count | Should -BeGreaterThan 10
        $shown = @($lines | ForEach-Object { $_ -split '\s+' })
        foreach ($word in $words) {
            $shown | Should -Contain $word -Because "'$word' must be printed whole on one line"
        }
    }

    It 'groups container reports by engine, and shows both engines when two are audited' {
        Get-Rendered $Containers | Should -Contain "   DockerHost: $($Containers[0].DockerHost)"
        # The same engine through two spellings of its socket path stands for two engines.
        $name = "dh-test-$RunId-views-default"
        $two = @(Get-ContainerHardening -Name $name -All -DockerHost 'unix:///var/run/docker.sock', 'unix:///run/docker.sock')
        $lines = Get-Rendered $two
        $lines | Should -Contain '   DockerHost: unix:///var/run/docker.sock'
        $lines | Should -Contain '   DockerHost: unix:///run/docker.sock'
        # Names are cut at the column width (22): the fixture's prefix is enough to find both rows.
        @($lines | Where-Object { $_.StartsWith($name.Substring(0, 20)) }) | Should -HaveCount 2
    }

    It 'groups compose reports by file' {
        Get-Rendered $Compose | Should -Contain "   Path: $($Compose[0].Path)"
    }

    Context 'colour' {
        BeforeAll {
            $Saved = $PSStyle.OutputRendering
            $Fail = "$($PSStyle.Formatting.Error)Fail$($PSStyle.Reset)"
            $Warn = "$($PSStyle.Formatting.Warning)Warn$($PSStyle.Reset)"
        }
        AfterAll { $PSStyle.OutputRendering = $Saved }

        It 'colours Fail and Warn, and the Fails and Warns counts, when the host renders ANSI' {
            $PSStyle.OutputRendering = 'Ansi'
            $findings = $Objects.Findings | Out-String -Width 80
            $findings.Contains("$Fail") | Should -BeTrue
            $findings.Contains("$Warn") | Should -BeTrue
            ($Objects.Findings | Where-Object Status -EQ 'NotApplicable' | Out-String -Width 80).Contains("$($PSStyle.Formatting.Error)") | Should -BeFalse
            $reports = $Containers | Out-String -Width 80
            $reports.Contains("$($PSStyle.Formatting.Error)$(($Containers | Where-Object FailCount -GT 0)[0].FailCount)$($PSStyle.Reset)") | Should -BeTrue
            # Coloured cells keep the columns aligned: the visible text still fits 80 columns.
            foreach ($line in ($findings -split '\r?\n')) { ($line -replace '\e\[[0-9;]*m', '').TrimEnd().Length | Should -BeLessOrEqual 80 }
        }

        It 'writes no escape sequence under OutputRendering PlainText' {
            $PSStyle.OutputRendering = 'PlainText'
            ($Objects.Findings | Out-String -Width 80) | Should -Not -Match '\e\['
            ($Containers | Out-String -Width 80) | Should -Not -Match '\e\['
        }

        It 'honours NO_COLOR in a fresh pwsh, even where ANSI rendering is forced' {
            $script = @"
Import-Module '$ModulePath'
`$r = Get-ContainerHardening -Name 'dh-test-$RunId-views-default' -All
"rendering=`$(`$PSStyle.OutputRendering)"
`$r.Findings | Out-String -Width 80
`$PSStyle.OutputRendering = 'Ansi'
`$r.Findings | Out-String -Width 80
`$r | Out-String -Width 80
"@
            $file = Join-Path $Dir 'nocolor.ps1'
            Set-Content -LiteralPath $file -Value $script
            $env:NO_COLOR = '1'
            try { $out = (& (Get-PwshPath) -NoProfile -NonInteractive -File $file) -join "`n" }
            finally { Remove-Item Env:NO_COLOR }
            $LASTEXITCODE | Should -Be 0
            $out | Should -Match 'rendering=PlainText'
            $out | Should -Match 'DH101\s+High\s+Fail'
            $out.Contains("$($PSStyle.Formatting.Error)Fail") | Should -BeFalse
            $out.Contains("$($PSStyle.Formatting.Error)1") | Should -BeFalse
        }
    }
}
