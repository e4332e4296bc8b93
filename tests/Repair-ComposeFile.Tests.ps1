#Requires -Version 7.2
# Tests of Repair-ComposeFile over the compose corpus in tests/compose: each cases/<name>.yml is repaired with the
# parameters of cases/<name>.psd1 and must equal expected/<name>.yml byte for byte; a second run must change
# nothing; docker-compose config -q must accept the result; files marked RealRun are started with docker-compose
# (project names unique to this run, removed with down -v in AfterAll) and audited with Get-ContainerHardening.

BeforeDiscovery {
    $caseDir = Join-Path $PSScriptRoot 'compose/cases'
    $script:Cases = foreach ($psd in Get-ChildItem -Path $caseDir -Filter '*.psd1') {
        $data = Import-PowerShellDataFile -LiteralPath $psd.FullName
        @{ Name = $psd.BaseName; Data = $data }
    }
    $script:RealCases = @($Cases | Where-Object { $_.Data.RealRun })
    $script:ConfigCases = @($Cases | Where-Object { $_.Data.ComposeConfig })
    $script:BadFiles = @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'compose/bad') -Filter '*.yml' | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $modulePath = Get-ModuleUnderTest
    Import-Module $modulePath -Force
    $CaseDir = Join-Path $PSScriptRoot 'compose/cases'
    $ExpectedDir = Join-Path $PSScriptRoot 'compose/expected'
    $BadDir = Join-Path $PSScriptRoot 'compose/bad'
    $RunId = Get-TestRunId
    $Scratch = Join-Path ([IO.Path]::GetTempPath()) "dh-compose-repair-$RunId"
    New-Item -ItemType Directory -Path $Scratch | Out-Null
    $Projects = [System.Collections.Generic.List[object]]::new()

    function Copy-Case([string] $Name, [string] $From = $CaseDir) {
        $dir = Join-Path $Scratch ([Guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $target = Join-Path $dir "$Name.yml"
        Copy-Item -LiteralPath (Join-Path $From "$Name.yml") -Destination $target
        $target
    }

    function Get-Parameters([hashtable] $Data) { if ($Data.Repair) { $Data.Repair.Clone() } else { @{} } }

    function Invoke-Compose([string[]] $Arguments, [hashtable] $Environment = @{}, [string] $WorkingDirectory) {
        $saved = @{}
        foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
        Push-Location $WorkingDirectory
        try { $out = & docker-compose @Arguments 2>&1; [pscustomobject]@{ Code = $LASTEXITCODE; Output = ($out | Out-String) } }
        finally {
            Pop-Location
            foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) }
        }
    }
}

AfterAll {
    foreach ($p in $Projects) {
        $null = Invoke-Compose -Arguments @('-p', $p.Project, '-f', $p.File, 'down', '-v', '--remove-orphans', '--timeout', '1') -WorkingDirectory (Split-Path $p.File)
    }
    Remove-Item -LiteralPath $Scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Repair-ComposeFile over the corpus: <Name>' -ForEach $Cases {
    It 'writes exactly the expected bytes' {
        $file = Copy-Case $Name
        $p = Get-Parameters $Data
        $r = Repair-ComposeFile -LiteralPath $file @p -Confirm:$false -ErrorAction Stop
        $expected = [IO.File]::ReadAllBytes((Join-Path $ExpectedDir "$Name.yml"))
        $actual = [IO.File]::ReadAllBytes($file)
        [Convert]::ToBase64String($actual) | Should -Be ([Convert]::ToBase64String($expected)) -Because "$Name.yml must repair to expected/$Name.yml"
        $original = [IO.File]::ReadAllBytes((Join-Path $CaseDir "$Name.yml"))
        $r.Applied | Should -Be (-not [Linq.Enumerable]::SequenceEqual($original, $expected))
        if ($Data.ContainsKey('Changes')) { $r.Changes.Count | Should -Be $Data.Changes }
        foreach ($s in @($Data.Skipped)) {
            if ($s) { $r.Skipped | Where-Object { $_.Service -eq $s.Service -and $_.RuleId -eq $s.Rule } | Should -Not -BeNullOrEmpty -Because "$($s.Service)/$($s.Rule) is skipped" }
        }
        @(Get-ChildItem -LiteralPath (Split-Path $file) -Force).Name | Should -Be @("$Name.yml") -Because 'no temporary file is left'
    }

    It 'keeps every comment line' {
        $before = Get-Content -LiteralPath (Join-Path $CaseDir "$Name.yml") | ForEach-Object { $_.Trim() } | Where-Object { $_.StartsWith('#') }
        $after = Get-Content -LiteralPath (Join-Path $ExpectedDir "$Name.yml") | ForEach-Object { $_.Trim() }
        foreach ($comment in $before) { $after | Should -Contain $comment }
    }

    It 'changes nothing on a second run' {
        $file = Copy-Case $Name $ExpectedDir
        $before = [IO.File]::ReadAllBytes($file)
        $p = Get-Parameters $Data
        $r = Repair-ComposeFile -LiteralPath $file @p -Confirm:$false -ErrorAction Stop
        $r.Changes.Count | Should -Be 0 -Because ($r.Changes | Out-String)
        $r.Applied | Should -BeFalse
        $r.Diff | Should -BeNullOrEmpty
        [Linq.Enumerable]::SequenceEqual($before, [IO.File]::ReadAllBytes($file)) | Should -BeTrue
    }

    It '-WhatIf writes nothing and returns the full diff' {
        $file = Copy-Case $Name
        $before = [IO.File]::ReadAllBytes($file)
        $p = Get-Parameters $Data
        $r = Repair-ComposeFile -LiteralPath $file @p -WhatIf
        [Linq.Enumerable]::SequenceEqual($before, [IO.File]::ReadAllBytes($file)) | Should -BeTrue
        $r.Applied | Should -BeFalse
        $expected = [IO.File]::ReadAllBytes((Join-Path $ExpectedDir "$Name.yml"))
        if ([Linq.Enumerable]::SequenceEqual($before, $expected)) { $r.Diff | Should -BeNullOrEmpty }
        else {
            $r.Diff | Should -Match '(?m)^@@ -\d+(,\d+)? \+\d+(,\d+)? @@$'
            # Every added line of the diff is a line of the expected file.
            $added = $r.Diff -split "`n" | Where-Object { $_ -match '^\+[^+]' } | ForEach-Object { $_.Substring(1) }
            $expectedLines = (Get-Content -LiteralPath (Join-Path $ExpectedDir "$Name.yml")) -replace "^\uFEFF", ''
            foreach ($line in $added) { $expectedLines | Should -Contain $line }
        }
    }
}

Describe 'docker-compose config accepts the repaired file: <Name>' -ForEach $ConfigCases {
    It 'passes docker-compose -f <file> config -q' {
        $file = Copy-Case $Name $ExpectedDir
        $dir = Split-Path $file
        New-Item -ItemType Directory -Path (Join-Path $dir 'app'), (Join-Path $dir 'shared') | Out-Null
        Set-Content -LiteralPath (Join-Path $dir 'Dockerfile') -Value 'FROM scratch'
        $env = if ($Data.Environment) { $Data.Environment } else { @{} }
        $result = Invoke-Compose -Arguments @('-f', $file, 'config', '-q') -Environment $env -WorkingDirectory $dir
        $result.Code | Should -Be 0 -Because $result.Output
    }
}

Describe 'Repaired files run and pass the fixed rules: <Name>' -ForEach $RealCases {
    BeforeAll {
        $file = Copy-Case $Name
        $p = Get-Parameters $Data
        $result = Repair-ComposeFile -LiteralPath $file @p -Confirm:$false -ErrorAction Stop
        $project = "dhtest$RunId$($Name -replace '[^a-z0-9]', '')"
        $Projects.Add([pscustomobject]@{ Project = $project; File = $file })
        $up = Invoke-Compose -Arguments @('-p', $project, '-f', $file, 'up', '-d') -WorkingDirectory (Split-Path $file)
        $ids = @(Invoke-Docker @('ps', '-aq', '--filter', "label=com.docker.compose.project=$project"))
        $reports = if ($ids) { @(Get-ContainerHardening -Name $ids -All) } else { @() }
    }

    It 'starts every service' {
        $up.Code | Should -Be 0 -Because $up.Output
        $reports.Count | Should -BeGreaterThan 0
        $reports.State | Should -Not -Contain 'exited'
    }

    It 'passes every rule it claimed to fix' {
        $checked = 0
        foreach ($change in $result.Changes) {
            $skipped = $result.Skipped | Where-Object { $_.Service -eq $change.Service -and $_.RuleId -eq $change.RuleId }
            if ($skipped) { continue }
            $report = $reports | Where-Object { (Invoke-Docker @('inspect', '--format', '{{ index .Config.Labels "com.docker.compose.service" }}', $_.ContainerId)) -eq $change.Service }
            foreach ($r in @($report)) {
                $finding = $r.Findings | Where-Object RuleId -eq $change.RuleId
                $finding.Status | Should -BeIn @('Pass', 'NotApplicable') -Because "$($change.Service) $($change.RuleId): $($finding.Evidence)"
                $checked++
            }
        }
        $checked | Should -BeGreaterThan 0
    }
}

Describe 'Repair-ComposeFile on bad input' {
    It '<Name>: ComposeParseFailed, the file byte-identical, nothing left beside it' -ForEach $BadFiles {
        $dir = Join-Path $Scratch ([Guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $file = Join-Path $dir $Name
        Copy-Item -LiteralPath (Join-Path $BadDir $Name) -Destination $file
        $before = [IO.File]::ReadAllBytes($file)
        $elapsed = Measure-Command {
            $r = Repair-ComposeFile -LiteralPath $file -Backup -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'ComposeParseFailed,DockerHarden.Commands.RepairComposeFileCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].Exception.Message | Should -Match 'at line \d+, column \d+'
        [Linq.Enumerable]::SequenceEqual($before, [IO.File]::ReadAllBytes($file)) | Should -BeTrue
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be @($Name)
        $elapsed.TotalSeconds | Should -BeLessThan 2
    }
}

Describe 'Repair-ComposeFile writing' {
    It 'keeps a backup with -Backup, keeps the file mode, and writes CRLF and BOM as they were' {
        $file = Copy-Case 'crlf'
        if (-not $IsWindows) { chmod 640 $file }
        $before = [IO.File]::ReadAllBytes($file)
        $r = Repair-ComposeFile -LiteralPath $file -Backup -Confirm:$false
        $r.BackupPath | Should -Exist
        [Linq.Enumerable]::SequenceEqual($before, [IO.File]::ReadAllBytes($r.BackupPath)) | Should -BeTrue
        if (-not $IsWindows) { (Get-Item $file).UnixFileMode | Should -Be ([IO.UnixFileMode]'UserRead, UserWrite, GroupRead') }
        $text = [IO.File]::ReadAllText($file)
        $text | Should -Not -Match "[^\r]\n" -Because 'every line, new ones included, ends with CRLF'

        $bom = Copy-Case 'bom'
        $null = Repair-ComposeFile -LiteralPath $bom -Confirm:$false
        $bytes = [IO.File]::ReadAllBytes($bom)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
    }

    It 'names decision rules in Skipped unless -Rule names them' {
        $file = Copy-Case 'network-host'
        $r = Repair-ComposeFile -LiteralPath $file -WhatIf
        ($r.Skipped | Where-Object RuleId -eq DH108).Reason | Should -Match 'needs a decision'
        $r.Changes.RuleId | Should -Not -Contain 'DH108'
        $r = Repair-ComposeFile -LiteralPath $file -Rule DH10* -WhatIf
        $r.Changes.RuleId | Should -Not -Contain 'DH108' -Because 'a wildcard does not name a decision rule'
        $r = Repair-ComposeFile -LiteralPath $file -Rule NoHostNetwork -WhatIf
        $r.Changes.RuleId | Should -Be @('DH108')
    }

    It 'rejects a -Memory that is not a size' {
        { Repair-ComposeFile -LiteralPath (Copy-Case 'bom') -Memory 'lots' -WhatIf -ErrorAction Stop } |
            Should -Throw -ErrorId 'InvalidMemoryValue,DockerHarden.Commands.RepairComposeFileCommand'
    }

    It 'repairs files piped from Get-ChildItem, each on its own' {
        $a = Copy-Case 'bom'
        $b = Copy-Case 'versionless'
        $r = @(Get-ChildItem -LiteralPath $a, $b | Repair-ComposeFile -Confirm:$false)
        $r.Count | Should -Be 2
        $r.Applied | Should -Be @($true, $true)
    }
}
