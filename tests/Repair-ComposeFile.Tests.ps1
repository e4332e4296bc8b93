#Requires -Version 7.2
# Tests of Repair-ComposeFile over the compose corpus in tests/compose: each cases/<name>.yml is repaired with the
# parameters of cases/<name>.psd1 and must equal expected/<name>.yml byte for byte; a second run must change
# nothing; docker-compose config -q must accept the result; files marked RealRun are started with docker-compose
# (project names unique to this run, removed with down -v in AfterAll) and audited with Get-ContainerHardening.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseSingularNouns', '', Scope = 'Function', Target = 'Get-Parameters', Justification = 'Kept name: the suite''s cases call it; it returns one parameter hashtable.')]
param()

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
        $left = @(if ($r.Applied) { Split-Path -Leaf $r.BackupPath }) + "$Name.yml" | Sort-Object
        @(Get-ChildItem -LiteralPath (Split-Path $file) -Force).Name | Sort-Object | Should -Be $left -Because 'no temporary file is left, only the backup of a changed file'
    }

    It 'keeps every comment' {
        # The repaired file itself, not the checked-in expectation: every comment of the case (own line or after a
        # value) is still in the file the cmdlet wrote.
        $file = Copy-Case $Name
        $p = Get-Parameters $Data
        $null = Repair-ComposeFile -LiteralPath $file @p -Confirm:$false -ErrorAction Stop
        $comments = { param($path) Get-Content -LiteralPath $path | ForEach-Object { if ($_ -match '(^|\s)(#.*)$') { $Matches[2].Trim() } } }
        $after = & $comments $file
        foreach ($comment in (& $comments (Join-Path $CaseDir "$Name.yml"))) { $after | Should -Contain $comment -Because "$Name.yml keeps '$comment'" }
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
            # A CRLF file's diff lines keep their `r and line 1 its BOM, as diff(1) prints them.
            $added = $r.Diff -split "`n" | Where-Object { $_ -match '^\+[^+]' } | ForEach-Object { $_.Substring(1).TrimEnd("`r") -replace "^\uFEFF", '' }
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
            $r = Repair-ComposeFile -LiteralPath $file -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -Be 'ComposeParseFailed,DockerHarden.Commands.RepairComposeFileCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $errs[0].Exception.Message | Should -Match 'at line \d+, column \d+'
        [Linq.Enumerable]::SequenceEqual($before, [IO.File]::ReadAllBytes($file)) | Should -BeTrue
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be @($Name)
        $elapsed.TotalSeconds | Should -BeLessThan 10 -Because "a malformed file fails fast (a generous bound: it catches a hang, not a slow machine)"
    }
}

Describe 'Repair-ComposeFile writing' {
    It 'keeps a backup by default, keeps the file mode, and writes CRLF and BOM as they were' {
        $file = Copy-Case 'crlf'
        if (-not $IsWindows) { chmod 640 $file }
        $before = [IO.File]::ReadAllBytes($file)
        $r = Repair-ComposeFile -LiteralPath $file -Confirm:$false
        $r.BackupPath | Should -Exist
        $r.BackupPath | Should -Match ([regex]::Escape($file) + '\.\d{8}-\d{6}\.bak$') -Because 'the same name as Repair-DaemonConfiguration backups'
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

Describe 'Repair-ComposeFile paths, pipelines and backups' {
    BeforeAll {
        function New-Project([hashtable] $Files) { New-ComposeProject -Root $Scratch -Files $Files }
        $Two = "services:`n  a:`n    image: x:1`n  b:`n    image: y:1`n"
        $One = "services:`n  web:`n    image: busybox:1`n"
        $Three = "services:`n  web:`n    privileged: true`n    mem_limit: 64m`n"
        $Pwsh = Get-PwshPath
        $ModulePath = Get-ModuleUnderTest
    }

    It 'repairs a file once when the reports of its services are piped in: one What if, one result' {
        $dir = New-Project @{ 'docker-compose.yml' = $Two }
        $file = Join-Path $dir 'docker-compose.yml'
        $out = & $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; `$r = @(Get-ComposeHardening -LiteralPath '$file' | Repair-ComposeFile -WhatIf); 'results=' + `$r.Count" 2>&1
        @($out | Where-Object { "$_" -match '^What if:' }).Count | Should -Be 1 -Because ($out | Out-String)
        $out | Should -Contain 'results=1'
        $r = @(Get-ComposeHardening -LiteralPath $file | Repair-ComposeFile -Confirm:$false)
        $r.Count | Should -Be 1
        $r[0].Applied | Should -BeTrue
        $r[0].Changes.Service | Select-Object -Unique | Should -Be @('a', 'b')
    }

    It 'binds reports to -LiteralPath: a report of [prod]/docker-compose.yml repairs that file' {
        $dir = New-Project @{ '[prod]/docker-compose.yml' = $Two }
        $file = Join-Path $dir '[prod]/docker-compose.yml'
        $r = @(Get-ComposeHardening -LiteralPath $file | Repair-ComposeFile -Confirm:$false -NoBackup -ErrorVariable errs)
        $errs | Should -BeNullOrEmpty
        $r.Path | Should -Be @($file)
        $r.Applied | Should -Be @($true)
        (Get-ComposeHardening -LiteralPath $file -Rule DH102).Findings.Status | Should -Be @('Pass', 'Pass')
        $compose = & docker-compose -f $file config -q 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "$compose"
    }

    It 'repairs each file of a merged report once, and docker-compose accepts the merge' {
        $dir = New-Project @{ 'one.yml' = $One; 'three.yml' = $Three }
        $one = Join-Path $dir 'one.yml'; $three = Join-Path $dir 'three.yml'
        $r = @(Get-ComposeHardening -Path $one, $three | Repair-ComposeFile -Confirm:$false -NoBackup)
        $r.Path | Should -Be @($one, $three)
        $r.Applied | Should -Be @($true, $true)
        $compose = & docker-compose -f $one -f $three config -q 2>&1
        $LASTEXITCODE | Should -Be 0 -Because "$compose"
        $after = (Get-ComposeHardening -Path $one, $three).Findings
        ($after | Where-Object RuleId -eq DH104).Status | Should -Be 'Pass'
        ($after | Where-Object RuleId -eq DH102).Status | Should -Be 'Pass'
    }

    It 'repairs the other matches of a wildcard when one file is malformed' {
        $dir = New-Project @{ 'a.yml' = $One; 'b.yml' = "services:`n  web: [`n"; 'c.yml' = $Two }
        $r = @(Repair-ComposeFile -Path (Join-Path $dir '*.yml') -Confirm:$false -NoBackup -ErrorVariable errs -ErrorAction SilentlyContinue)
        $r.Path | Should -Be @((Join-Path $dir 'a.yml'), (Join-Path $dir 'c.yml'))
        $r.Applied | Should -Be @($true, $true)
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'ComposeParseFailed,DockerHarden.Commands.RepairComposeFileCommand'
        $errs[0].Exception.Message | Should -Match 'b\.yml.* at line 3, column 1'
    }

    It 'keeps a timestamped backup by default and none with -NoBackup' {
        $dir = New-Project @{ 'a.yml' = $One; 'b.yml' = $One }
        $a = Join-Path $dir 'a.yml'; $b = Join-Path $dir 'b.yml'
        $r = Repair-ComposeFile -LiteralPath $a -Confirm:$false
        $r.BackupPath | Should -Match ([regex]::Escape($a) + '\.\d{8}-\d{6}\.bak$')
        Get-Content -Raw -LiteralPath $r.BackupPath | Should -Be $One
        $r = Repair-ComposeFile -LiteralPath $b -Confirm:$false -NoBackup
        $r.Applied | Should -BeTrue
        $r.BackupPath | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $dir | Where-Object Name -like 'b.yml.*.bak').Count | Should -Be 0
    }

    It 'repairs the compose file and the override file of a directory, or of the current directory without a path' {
        $dir = New-Project @{ 'compose.yaml' = $One; 'compose.override.yml' = $Three }
        $r = @(Repair-ComposeFile -LiteralPath $dir -WhatIf)
        $r.Path | Should -Be @((Join-Path $dir 'compose.yaml'), (Join-Path $dir 'compose.override.yml'))
        Push-Location -LiteralPath $dir
        try { $r = @(Repair-ComposeFile -Confirm:$false -NoBackup) } finally { Pop-Location }
        $r.Path | Should -Be @((Join-Path $dir 'compose.yaml'), (Join-Path $dir 'compose.override.yml'))
        $r.Applied | Should -Be @($true, $true)
        $compose = Invoke-Compose -Arguments @('config', '-q') -WorkingDirectory $dir
        $compose.Code | Should -Be 0 -Because $compose.Output
    }

    It 'does nothing for an empty pipeline, and repairs an explicit -Path even then' {
        $dir = New-Project @{ 'compose.yaml' = $One }
        $file = Join-Path $dir 'compose.yaml'
        Push-Location -LiteralPath $dir
        try {
            @(@() | Repair-ComposeFile -Confirm:$false -ErrorVariable errs) | Should -BeNullOrEmpty
            $errs | Should -BeNullOrEmpty
            Get-Content -Raw -LiteralPath $file | Should -Be $One -Because 'an empty pipeline never discovers the current directory'
            $r = @(@() | Repair-ComposeFile -Path compose.yaml -Confirm:$false -NoBackup)
            $r.Path | Should -Be @($file)
            $r.Applied | Should -Be @($true)
        }
        finally { Pop-Location }
    }

    It 'says under -Verbose what it found, planned, skipped and backed up' {
        $dir = New-Project @{ 'docker-compose.yml' = $Two }
        $file = Join-Path $dir 'docker-compose.yml'
        $all = @(Get-ComposeHardening -LiteralPath $file | Repair-ComposeFile -Verbose -Confirm:$false 4>&1)
        $verbose = ($all | Where-Object { $_ -is [Management.Automation.VerboseRecord] }) -join "`n"
        $result = $all | Where-Object { $_ -is [DockerHarden.Models.ComposeRepairResult] }
        $verbose | Should -Match 'Fixing DH\d{3}(, DH\d{3})*; DH101, .* only when named with -Rule'
        $verbose | Should -Match ([regex]::Escape("${file}:2: DH102 a: planned '' -> 'cap_drop: [ALL]'"))
        $verbose | Should -Match ([regex]::Escape("${file}:2: DH101 a: skipped, "))
        $verbose | Should -Match ([regex]::Escape("${file}: backup kept as $($result.BackupPath)"))
        $verbose | Should -Match ([regex]::Escape("Skipping ${file}: already processed in this call"))
    }
}
