#Requires -Version 7.2
# The compose corpus (tests/compose/cases) checked against outside tools: the -WhatIf diff of every case applies with
# patch -p0 and git apply and reproduces expected/<name>.yml byte for byte (or, where the diff masks secrets, the
# -PatchPath patch does, while no masked value reaches the results or streams); compose-lint (a peer linter, run from its
# source with python3 and pyyaml) judges the cases too, and every disagreement on the rules both tools have must be
# listed, with its reason, in tests/compose/peer-differences.md. compose-lint is found through COMPOSE_LINT_SOURCE (a
# checkout of github.com/tmatens/compose-lint) or an installed compose_lint package; without it that test is skipped
# and says why. The module under test comes from $env:DOCKERHARDEN_MODULE, else out/DockerHarden/DockerHarden.psd1.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
param()

BeforeDiscovery {
    $caseDir = Join-Path $PSScriptRoot 'compose/cases'
    $script:Cases = foreach ($psd in Get-ChildItem -Path $caseDir -Filter '*.psd1' | Sort-Object Name) {
        @{ Name = $psd.BaseName; Data = (Import-PowerShellDataFile -LiteralPath $psd.FullName) }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    Import-Module (Get-ModuleUnderTest) -Force
    $CaseDir = Join-Path $PSScriptRoot 'compose/cases'
    $ExpectedDir = Join-Path $PSScriptRoot 'compose/expected'
    $Scratch = Join-Path ([IO.Path]::GetTempPath()) "dh-compose-corpus-$([Guid]::NewGuid().ToString('N').Substring(0, 8))"
    New-Item -ItemType Directory -Path $Scratch | Out-Null

    function New-CaseCopy([string] $Name) {
        $dir = Join-Path $Scratch ([Guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $dir | Out-Null
        Copy-Item -LiteralPath (Join-Path $CaseDir "$Name.yml") -Destination (Join-Path $dir "$Name.yml")
        $dir
    }

    # Runs a tool in a folder; returns its exit code and output.
    function Invoke-Tool([string] $Directory, [string] $Command, [string[]] $Arguments) {
        Push-Location $Directory
        try { $out = & $Command @Arguments 2>&1; [pscustomobject]@{ Code = $LASTEXITCODE; Output = ($out | Out-String) } }
        finally { Pop-Location }
    }
}

AfterAll {
    Remove-Item -LiteralPath $Scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'The -WhatIf diff applies and reproduces the repair: <Name>' -ForEach $Cases {
    BeforeAll {
        $work = New-CaseCopy $Name
        $file = Join-Path $work "$Name.yml"
        $p = if ($Data.Repair) { $Data.Repair.Clone() } else { @{} }
        $diff = (Repair-ComposeFile -LiteralPath $file @p -WhatIf -WarningAction SilentlyContinue).Diff
        $expected = [IO.File]::ReadAllBytes((Join-Path $ExpectedDir "$Name.yml"))
        # The diff names the file by its full path; patch -p0 and git apply are given the case's own name.
        $relative = if ($diff) { $diff -replace '(?m)^(---|\+\+\+) .*$', "`$1 $Name.yml" } else { '' }
        $masked = $relative -match '\*\*\*'
    }

    It 'is empty exactly when the repair changes nothing' {
        $original = [IO.File]::ReadAllBytes($file)
        [string]::IsNullOrEmpty($diff) | Should -Be ([Linq.Enumerable]::SequenceEqual($original, $expected))
    }

    It 'applies with patch -p0 and with git apply, giving expected/<Name>.yml byte for byte' {
        if (-not $diff) { Set-ItResult -Skipped -Because 'the repair changes nothing'; return }
        if ($masked) {
            # Secret values are masked in every diff line (context included): such a diff is for reading, not for
            # applying. Masking must be the only difference: each masked line is a line of the original or the result.
            $lines = @((Get-Content -LiteralPath $file) + (Get-Content -LiteralPath (Join-Path $ExpectedDir "$Name.yml")))
            foreach ($line in ($relative -split "`n" | Where-Object { $_ -match '^[ +-].*\*\*\*' })) {
                $pattern = '^' + ([regex]::Escape($line.Substring(1).TrimEnd("`r")) -replace '\\\*\\\*\\\*', '.+') + '$'
                @($lines | Where-Object { $_ -match $pattern }).Count | Should -BeGreaterThan 0 -Because "'$line' masks a value of the file"
            }
            Set-ItResult -Skipped -Because 'the diff masks secret values, so it is checked line by line instead of applied'
            return
        }

        $patchFile = Join-Path $Scratch "$Name-$([Guid]::NewGuid().ToString('N').Substring(0, 6)).diff"
        [IO.File]::WriteAllText($patchFile, $relative, [Text.UTF8Encoding]::new($false))
        foreach ($tool in @(@{ Command = 'patch'; Arguments = @('-p0', '--quiet', '--force', '-i', $patchFile) },
                @{ Command = 'git'; Arguments = @('apply', '-p0', '--whitespace=nowarn', $patchFile) })) {
            $dir = New-CaseCopy $Name
            $run = Invoke-Tool $dir $tool.Command $tool.Arguments
            $run.Code | Should -Be 0 -Because "$($tool.Command): $($run.Output)"
            $result = [IO.File]::ReadAllBytes((Join-Path $dir "$Name.yml"))
            [Convert]::ToBase64String($result) | Should -Be ([Convert]::ToBase64String($expected)) -Because "$($tool.Command) reproduces the repaired file"
            @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be @("$Name.yml") -Because 'no reject or backup file is left'
        }
    }
}

Describe 'The -PatchPath patch applies and reproduces the repair, secrets included, and stays off the output: <Name>' -ForEach $Cases {
    BeforeAll {
        $work = New-CaseCopy $Name
        $file = Join-Path $work "$Name.yml"
        $before = [IO.File]::ReadAllBytes($file)
        $patchFile = Join-Path $work 'repair.patch'
        $p = if ($Data.Repair) { $Data.Repair.Clone() } else { @{} }
        $result = Repair-ComposeFile -LiteralPath $file @p -PatchPath $patchFile -Confirm:$false -Verbose -WarningAction SilentlyContinue 4>&1 3>&1 6>&1
        $streams = @($result | Where-Object { $_ -isnot [DockerHarden.Models.ComposeRepairResult] } | ForEach-Object { "$_" })
        $result = @($result | Where-Object { $_ -is [DockerHarden.Models.ComposeRepairResult] })
        $expected = [IO.File]::ReadAllBytes((Join-Path $ExpectedDir "$Name.yml"))
    }

    It 'leaves the compose file as it was and writes the patch exactly when the repair changes something' {
        [Convert]::ToBase64String([IO.File]::ReadAllBytes($file)) | Should -Be ([Convert]::ToBase64String($before))
        $result.Count | Should -Be 1
        $changes = -not [Linq.Enumerable]::SequenceEqual($before, $expected)
        Test-Path -LiteralPath $patchFile | Should -Be $changes
        $result[0].Applied | Should -BeFalse
        $result[0].PatchPath | Should -Be $(if ($changes) { $patchFile } else { $null })
    }

    It 'applies with patch -p0 and with git apply in its folder, giving expected/<Name>.yml byte for byte' {
        if (-not (Test-Path -LiteralPath $patchFile)) { Set-ItResult -Skipped -Because 'the repair changes nothing'; return }
        foreach ($tool in @(@{ Command = 'patch'; Arguments = @('-p0', '--quiet', '--force', '-i', $patchFile) },
                @{ Command = 'git'; Arguments = @('apply', '-p0', '--whitespace=nowarn', $patchFile) })) {
            $dir = New-CaseCopy $Name
            $run = Invoke-Tool $dir $tool.Command $tool.Arguments
            $run.Code | Should -Be 0 -Because "$($tool.Command): $($run.Output)"
            [Convert]::ToBase64String([IO.File]::ReadAllBytes((Join-Path $dir "$Name.yml"))) | Should -Be ([Convert]::ToBase64String($expected)) -Because "$($tool.Command) reproduces the repaired file"
        }
    }

    It 'is the shown diff line for line, and every line the diff masks stays out of the results and streams' {
        if (-not (Test-Path -LiteralPath $patchFile)) { Set-ItResult -Skipped -Because 'the repair changes nothing'; return }
        $patchLines = @([IO.File]::ReadAllText($patchFile) -split "`n")
        $diffLines = @($result[0].Diff -split "`n")
        $patchLines.Count | Should -Be $diffLines.Count
        $shown = ($result | ConvertTo-Json -Depth 6) + "`n" + ($streams -join "`n")
        for ($i = 0; $i -lt $patchLines.Count; $i++) {
            if ($diffLines[$i] -match '^(---|\+\+\+) ') { continue }
            if ($patchLines[$i] -ceq $diffLines[$i]) { continue }
            $diffLines[$i] | Should -Match '\*\*\*' -Because 'masking is the only difference between the diff and the patch'
            $secretLine = $patchLines[$i].Substring(1).Trim()
            $shown.Contains($secretLine) | Should -BeFalse -Because "line $($i + 1) of the patch holds a secret ('$($diffLines[$i])' in the diff)"
        }
    }

    It 'gets the owner and mode of the compose file' {
        if (-not (Test-Path -LiteralPath $patchFile) -or $IsWindows) { Set-ItResult -Skipped -Because 'no patch, or no Unix mode'; return }
        (Get-Item -LiteralPath $patchFile).UnixMode | Should -Be (Get-Item -LiteralPath $file).UnixMode
    }
}

Describe 'Beside compose-lint' {
    BeforeAll {
        # The rules both tools have: ours flag a service when the rule fails (or, where Warn is that rule's way of
        # failing, warns); compose-lint flags it when one of its rule ids reports the service.
        $Pairs = @(
            @{ Ours = @('DH101'); Theirs = @('CL-0018'); Warn = $false }
            @{ Ours = @('DH102'); Theirs = @('CL-0006'); Warn = $false }
            @{ Ours = @('DH104'); Theirs = @('CL-0002'); Warn = $false }
            @{ Ours = @('DH105'); Theirs = @('CL-0013', 'CL-0025'); Warn = $false }
            @{ Ours = @('DH106'); Theirs = @('CL-0001'); Warn = $false }
            @{ Ours = @('DH108'); Theirs = @('CL-0008'); Warn = $false }
            @{ Ours = @('DH111', 'DH112', 'DH113'); Theirs = @('CL-0010'); Warn = $false }
            @{ Ours = @('DH119'); Theirs = @('CL-0007'); Warn = $false }
            @{ Ours = @('DH122'); Theirs = @('CL-0003'); Warn = $false }
            @{ Ours = @('DH123'); Theirs = @('CL-0009'); Warn = $false }
            @{ Ours = @('DH126'); Theirs = @('CL-0005'); Warn = $true }
            @{ Ours = @('DH130'); Theirs = @('CL-0020', 'CL-0021'); Warn = $false }
            @{ Ours = @('DH131'); Theirs = @('CL-0004'); Warn = $false }
        )

        $python = Get-Command python3 -ErrorAction SilentlyContinue
        $source = $env:COMPOSE_LINT_SOURCE
        $pythonPath = if ($source -and (Test-Path (Join-Path $source 'src/compose_lint'))) { Join-Path $source 'src' }
            elseif ($source -and (Test-Path (Join-Path $source 'compose_lint'))) { $source }
        $Why = $null
        if (-not $python) { $Why = 'python3 is not installed' }
        else {
            $saved = $env:PYTHONPATH
            if ($pythonPath) { $env:PYTHONPATH = $pythonPath }
            try {
                $version = & $python.Source -c 'import compose_lint, yaml; print(compose_lint.__version__)' 2>$null
                if ($LASTEXITCODE -ne 0) {
                    $Why = 'compose-lint is not available: set COMPOSE_LINT_SOURCE to a checkout of github.com/tmatens/compose-lint (0.22; it needs python3 with pyyaml)'
                }
                else {
                    $files = @(Get-ChildItem -Path $CaseDir -Filter '*.yml' | Sort-Object Name)
                    $work = Join-Path $Scratch 'peer'
                    New-Item -ItemType Directory -Path $work | Out-Null
                    Push-Location $work
                    try { $Peer = & $python.Source -m compose_lint --format json @($files.FullName) 2>$null | Out-String | ConvertFrom-Json }
                    finally { Pop-Location }
                }
            }
            finally { $env:PYTHONPATH = $saved }
        }
    }

    It 'agrees with compose-lint on the shared rules, except where peer-differences.md says why' {
        if ($Why) { Set-ItResult -Skipped -Because $Why; return }
        $rejected = @($Peer.errors | ForEach-Object { Split-Path -Leaf $_.file })
        $theirs = @{}
        foreach ($f in $Peer.findings | Where-Object service) { $theirs["$(Split-Path -Leaf $f.file)|$($f.service)|$($f.rule_id)"] = $true }

        $found = [System.Collections.Generic.List[string]]::new()
        $judged = 0
        foreach ($file in Get-ChildItem -Path $CaseDir -Filter '*.yml' | Where-Object Name -NotIn $rejected) {
            $case = $file.BaseName
            foreach ($report in @(Get-ComposeHardening -LiteralPath $file.FullName -WarningAction SilentlyContinue -ErrorAction SilentlyContinue)) {
                foreach ($pair in $Pairs) {
                    $ours = @($report.Findings | Where-Object { $_.RuleId -in $pair.Ours -and ($_.Status -eq 'Fail' -or ($pair.Warn -and $_.Status -eq 'Warn')) }).Count -gt 0
                    $peerFlags = @($pair.Theirs | Where-Object { $theirs["$($file.Name)|$($report.Service)|$_"] }).Count -gt 0
                    $judged++
                    if ($ours -ne $peerFlags) {
                        $found.Add("$case|$($report.Service)|$($pair.Ours -join ',')|$(if ($ours) { 'flags' } else { 'passes' })")
                    }
                }
            }
        }

        # peer-differences.md: | case | service | rules | DockerHarden | reason |
        $listed = @{}
        foreach ($row in Get-Content -LiteralPath (Join-Path $PSScriptRoot 'compose/peer-differences.md') | Where-Object { $_ -match '^\|\s*[a-z0-9-]+\s*\|' }) {
            $cells = @($row.Trim('|').Split('|') | ForEach-Object { $_.Trim() })
            if ($cells.Count -ge 5 -and $cells[3] -in 'flags', 'passes' -and $cells[4].Length -gt 0) { $listed["$($cells[0])|$($cells[1])|$($cells[2])|$($cells[3])"] = $cells[4] }
        }

        $judged | Should -BeGreaterThan 100
        $unlisted = @($found | Where-Object { -not $listed.ContainsKey($_) })
        $unlisted | Should -BeNullOrEmpty -Because "every disagreement needs a row with its reason in peer-differences.md:`n$($unlisted -join "`n")"
        $stale = @($listed.Keys | Where-Object { $_ -notin $found })
        $stale | Should -BeNullOrEmpty -Because "rows of peer-differences.md that no longer disagree must go:`n$($stale -join "`n")"
    }
}
