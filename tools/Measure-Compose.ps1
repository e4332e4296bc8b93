<#
.SYNOPSIS
    Benchmarks Get-ComposeHardening and Repair-ComposeFile -WhatIf on generated compose files.
.DESCRIPTION
    Writes compose files with 50, 500 and 5000 services (each with the usual problems: privileged, a sensitive
    capability from a shared anchor, seccomp:unconfined, no limits, comments) into a temporary folder, then prints
    for each size the median of -Repeat warm runs of the audit and of the repair plan (-WhatIf: parse, resolve,
    audit, plan, re-parse and re-audit, diff; nothing written), and the time per service, so that growth can be
    read as (near) linear or not. Goal: 500 services in under a second, warm.

    Then the large inputs, each in a fresh pwsh so that the peak working set (VmHWM) is its own: extends chains of
    1,000 and 2,000 services (each link extends the one before; the base is privileged), a file just under the
    4 MiB size limit, and a file of -LargeFileMB megabytes (about 158 bytes per service: 338k services at 50 MB),
    which is over the limit and refused with FileTooLarge, each audited and repair-planned once, with the time and
    the peak memory of each run. -LargeFileMB 0 skips the large file.

    Last, the corpus in tests/compose/cases (real-world shapes, one project per file): the whole process
    (pwsh start, import, audit, exit) beside pwsh's own start-up, the import and the first audit as timed inside that
    process, and the warm audit; with COMPOSE_LINT_SOURCE set (a checkout of compose-lint), compose-lint's whole
    process over the same files. Goal: import + audit under 0.3 s.
.EXAMPLE
    pwsh ./tools/Measure-Compose.ps1 -ModulePath ./out/DockerHarden/DockerHarden.psd1
#>
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', '', Justification = 'Script parameters are read by the functions of this script, which the rule does not follow.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = 'New-*', Justification = 'These functions return text and change nothing.')]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int[]] $Sizes = @(50, 500, 5000),
    [ValidateRange(1, 20)] [int] $Repeat = 5,
    [int[]] $ChainSizes = @(1000, 2000),
    [ValidateRange(0, 64)] [int] $LargeFileMB = 50,
    [string] $PwshPath = (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source,
    [string] $CorpusPath = (Join-Path $PSScriptRoot '../tests/compose/cases'),
    [ValidateRange(1, 20)] [int] $ProcessRepeat = 5
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$dir = Join-Path ([IO.Path]::GetTempPath()) "dh-compose-bench-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
New-Item -ItemType Directory -Path $dir | Out-Null

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

function New-ComposeText([int] $Services) {
    $sb = [Text.StringBuilder]::new()
    [void]$sb.Append("# generated: $Services services`nx-common: &common`n  restart: on-failure:3`n  cap_add:`n    - SYS_ADMIN`n    - NET_BIND_SERVICE`n`nservices:`n")
    for ($i = 0; $i -lt $Services; $i++) {
        [void]$sb.Append("  # service $i`n  svc${i}:`n    <<: *common`n    image: `"registry.local/app${i}:1.$i`"`n    command: [`"sleep`", `"3600`"]`n")
        [void]$sb.Append("    privileged: true`n    security_opt:`n      - seccomp:unconfined`n    environment:`n      MODE: bench`n")
        [void]$sb.Append("    ports:`n      - `"127.0.0.1:$(20000 + $i):80`"`n`n")
    }
    $sb.ToString()
}

function New-ChainText([int] $Services) {
    $sb = [Text.StringBuilder]::new("services:`n  s0:`n    image: registry.local/app:1`n    privileged: true`n    cap_add:`n      - SYS_ADMIN`n")
    for ($i = 1; $i -lt $Services; $i++) { [void]$sb.Append("  s${i}:`n    extends: s$($i - 1)`n    image: registry.local/app:$i`n") }
    $sb.ToString()
}

function Write-LargeFile([string] $Path, [long] $Bytes) {
    # Flushed after each service, so that the length checked is the file's (a buffered writer overshoots).
    $writer = [IO.StreamWriter]::new($Path)
    $writer.AutoFlush = $true
    try {
        $writer.Write("services:`n")
        for ($i = 0; $writer.BaseStream.Length -lt $Bytes; $i++) {
            $writer.Write("  service${i}:`n    image: registry.local/app${i}:1.0`n    privileged: true`n    cap_add: [SYS_ADMIN]`n    ports: [`"8$('{0:000}' -f ($i % 1000)):80`"]`n    environment: { MODE: bench }`n")
        }
        $i
    }
    finally { $writer.Dispose() }
}

# One cold run in a child pwsh: seconds, peak working set (MiB) and the count of reports or changes.
function Measure-Child([string] $File, [string] $Command) {
    $script = @"
Import-Module '$ModulePath'
`$w = [Diagnostics.Stopwatch]::StartNew()
`$n = $Command
`$s = `$w.Elapsed.TotalSeconds
`$hwm = [long]((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM*' }) -replace '\D', '')
'{0}|{1}|{2}' -f `$s, (`$hwm / 1KB), `$n
"@ -replace '\$File', "'$File'"
    $line = & $PwshPath -NoProfile -NonInteractive -Command $script 2>$null | Select-Object -Last 1
    $sec, $mib, $n = $line -split '\|'
    [pscustomobject]@{ Seconds = [math]::Round([double]$sec, 1); 'Peak MiB' = [math]::Round([double]$mib); Count = $n }
}

function Measure-Large([string] $Label, [string] $File) {
    $audit = Measure-Child $File '(Get-ComposeHardening -LiteralPath $File | Measure-Object).Count'
    $repair = Measure-Child $File '(Repair-ComposeFile -LiteralPath $File -WhatIf 6>$null).Changes.Count'
    [pscustomobject]@{
        Input               = $Label
        'MiB'               = [math]::Round((Get-Item $File).Length / 1MB, 1)
        'Audit s'           = $audit.Seconds
        'Audit peak MiB'    = $audit.'Peak MiB'
        'Repair s'          = $repair.Seconds
        'Repair peak MiB'   = $repair.'Peak MiB'
        Changes             = $repair.Count
    }
}

# Wall-clock seconds of one child process, and its last line of output.
function Measure-Process([string] $FilePath, [string[]] $Arguments, [hashtable] $Environment = @{}) {
    $saved = @{}
    foreach ($k in $Environment.Keys) { $saved[$k] = [Environment]::GetEnvironmentVariable($k); [Environment]::SetEnvironmentVariable($k, $Environment[$k]) }
    try {
        $w = [Diagnostics.Stopwatch]::StartNew()
        $out = & $FilePath @Arguments 2>$null
        [pscustomobject]@{ Seconds = $w.Elapsed.TotalSeconds; Last = @($out)[-1] }
    }
    finally { foreach ($k in $saved.Keys) { [Environment]::SetEnvironmentVariable($k, $saved[$k]) } }
}

function Measure-Corpus {
    $files = @(Get-ChildItem -Path $CorpusPath -Filter '*.yml' | Sort-Object Name)
    if ($files.Count -eq 0) { return }
    $pattern = Join-Path (Resolve-Path $CorpusPath) '*.yml'
    # Inside the child: the import and the (cold) audit, each on its own stopwatch.
    $child = @"
`$w = [Diagnostics.Stopwatch]::StartNew()
Import-Module '$ModulePath'
`$import = `$w.Elapsed.TotalSeconds
`$n = @(Get-ComposeHardening -Path '$pattern' -WarningAction SilentlyContinue).Count
'{0}|{1}|{2}' -f `$import, (`$w.Elapsed.TotalSeconds - `$import), `$n
"@
    $startup = foreach ($i in 1..$ProcessRepeat) { (Measure-Process $PwshPath @('-NoProfile', '-NonInteractive', '-Command', 'exit')).Seconds }
    $runs = foreach ($i in 1..$ProcessRepeat) { Measure-Process $PwshPath @('-NoProfile', '-NonInteractive', '-Command', $child) }
    $import = Get-Median ($runs | ForEach-Object { [double](($_.Last -split '\|')[0]) })
    $audit = Get-Median ($runs | ForEach-Object { [double](($_.Last -split '\|')[1]) })
    $reports = ($runs[0].Last -split '\|')[2]
    $null = Get-ComposeHardening -Path $pattern -WarningAction SilentlyContinue
    $warm = Get-Median @(foreach ($i in 1..$Repeat) { (Measure-Command { $null = Get-ComposeHardening -Path $pattern -WarningAction SilentlyContinue }).TotalSeconds })
    $row = [ordered]@{
        Files                    = $files.Count
        Services                 = $reports
        'Whole process s'        = [math]::Round((Get-Median ($runs.Seconds)), 3)
        'pwsh start-up s'        = [math]::Round((Get-Median @($startup)), 3)
        'Import s'               = [math]::Round($import, 3)
        'First audit s'          = [math]::Round($audit, 3)
        'Import + audit s'       = [math]::Round($import + $audit, 3)
        'Warm audit s'           = [math]::Round($warm, 3)
    }
    $source = $env:COMPOSE_LINT_SOURCE
    $python = Get-Command python3 -ErrorAction SilentlyContinue
    if ($source -and $python -and (Test-Path (Join-Path $source 'src/compose_lint'))) {
        $peer = foreach ($i in 1..$ProcessRepeat) {
            (Measure-Process $python.Source (@('-m', 'compose_lint', '--format', 'json') + $files.FullName) @{ PYTHONPATH = (Join-Path $source 'src') }).Seconds
        }
        $row['compose-lint whole process s'] = [math]::Round((Get-Median @($peer)), 3)
    }
    Write-Host "Corpus $CorpusPath (median of $ProcessRepeat processes; warm: median of $Repeat runs in this process):"
    [pscustomobject]$row | Format-List | Out-String -Width 200 | Write-Host
    Write-Host ("Import + audit: {0:0.000} s (goal < 0.3 s): {1}" -f ($import + $audit), $(if ($import + $audit -lt 0.3) { 'met' } else { 'NOT met' }))
}

try {
    if ($Sizes.Count -eq 0) { Measure-Corpus; return }
    $rows = foreach ($size in $Sizes) {
        $file = Join-Path $dir "compose-$size.yml"
        [IO.File]::WriteAllText($file, (New-ComposeText $size))
        # Warm-up: JIT (tiered: a few runs until the hot paths are optimised), the adapter load context, YamlDotNet.
        foreach ($n in 1..3) {
            $null = Get-ComposeHardening -LiteralPath $file
            $null = Repair-ComposeFile -LiteralPath $file -WhatIf
        }
        $audit = foreach ($n in 1..$Repeat) { (Measure-Command { $null = Get-ComposeHardening -LiteralPath $file }).TotalMilliseconds }
        $repair = foreach ($n in 1..$Repeat) { (Measure-Command { $script:r = Repair-ComposeFile -LiteralPath $file -WhatIf }).TotalMilliseconds }
        $a = Get-Median $audit
        $p = Get-Median $repair
        [pscustomobject]@{
            Services        = $size
            'Audit ms'      = [math]::Round($a, 1)
            'Repair ms'     = [math]::Round($p, 1)
            'Audit us/svc'  = [math]::Round(1000 * $a / $size, 1)
            'Repair us/svc' = [math]::Round(1000 * $p / $size, 1)
            Changes         = $script:r.Changes.Count
            'KiB'           = [math]::Round((Get-Item $file).Length / 1KB)
        }
    }
    $rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    $r500 = $rows | Where-Object Services -eq 500
    if ($r500) {
        $total = $r500.'Audit ms' + $r500.'Repair ms'
        Write-Host ("500 services, audit + repair plan: {0:0} ms (goal < 1000 ms warm): {1}" -f $total, $(if ($total -lt 1000) { 'met' } else { 'NOT met' }))
    }

    Write-Host 'Large inputs (cold, one run each in a fresh pwsh; peak = VmHWM of that process):'
    $large = @(foreach ($size in $ChainSizes) {
        $file = Join-Path $dir "chain-$size.yml"
        [IO.File]::WriteAllText($file, (New-ChainText $size))
        Measure-Large "extends chain of $size" $file
    })
    # The largest file read by default: just under the 4 MiB limit (DOCKERHARDEN_MAX_FILE_SIZE).
    $file = Join-Path $dir 'at-limit.yml'
    $services = Write-LargeFile $file (4MB - 400)
    $large += Measure-Large "$services services (just under the 4 MiB limit)" $file
    if ($LargeFileMB -gt 0) {
        # Over the limit: refused with FileTooLarge before it is read (Count 0).
        $file = Join-Path $dir "large-$LargeFileMB.yml"
        $services = Write-LargeFile $file ($LargeFileMB * 1MB)
        $large += Measure-Large "$services services, $LargeFileMB MB (refused: FileTooLarge)" $file
    }
    $large | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
    Measure-Corpus
}
finally {
    Remove-Item -LiteralPath $dir -Recurse -Force -ErrorAction SilentlyContinue
}
