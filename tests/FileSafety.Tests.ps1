#Requires -Version 7.2
# The file layer of every cmdlet that reads or writes a file (Get-ComposeHardening, Repair-ComposeFile,
# Repair-DaemonConfiguration, Test-DaemonHardening -DaemonConfigPath, -Policy), against real files: devices made
# with mknod, FIFOs with mkfifo, symlinks, another owner, concurrent writers, a full tmpfs and the size limit.
# A call that could block (a FIFO, /dev/zero) runs in a child pwsh that is killed after a timeout, so a regression
# fails the test instead of hanging the suite.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseSingularNouns', '', Scope = 'Function', Target = 'Mount-Tmpfs', Justification = 'Tmpfs is one tmpfs mount, not a plural.')]
param()

BeforeDiscovery {
    # mknod, chown to another user and mount need root; the CI machines run as root.
    $IsRoot = (& id -u) -eq '0'
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $Suite = Initialize-TestSuite -Name 'filesafety'
    $Module = $Suite.Module
    $Pwsh = $Suite.Pwsh
    $Scratch = $Suite.Dir
    $Mounts = [System.Collections.Generic.List[string]]::new()
    $Compose = "services:`n  web:`n    image: dockerharden-test/busybox:1.0`n"
    $DaemonJson = '{"debug": true, "labels": ["dh.test=filesafety"]}'

    function New-Dir {
        $dir = Join-Path $Scratch ([Guid]::NewGuid().ToString('N').Substring(0, 8))
        New-Item -ItemType Directory -Path $dir | Out-Null
        $dir
    }

    function New-File([string] $Dir, [string] $Name, [string] $Text) {
        $path = Join-Path $Dir $Name
        [IO.File]::WriteAllText($path, $Text)
        $path
    }

    function Get-Stat([string] $Path) { (& stat -c '%F|%u|%g|%a' -- $Path) }

    function Get-Sha([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash }

    # Runs a script with the module in a fresh pwsh; a run that does not end within the timeout is killed.
    function Invoke-Isolated([string] $Script, [int] $TimeoutSeconds = 45, [hashtable] $Environment = @{}) {
        $start = [Diagnostics.ProcessStartInfo]::new($Pwsh)
        foreach ($a in '-NoProfile', '-NonInteractive', '-Command', "Import-Module '$Module'; $Script") { $start.ArgumentList.Add($a) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        foreach ($k in $Environment.Keys) { $start.Environment[$k] = $Environment[$k] }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $process = [Diagnostics.Process]::Start($start)
        $out = $process.StandardOutput.ReadToEndAsync()
        $err = $process.StandardError.ReadToEndAsync()
        $ended = $process.WaitForExit($TimeoutSeconds * 1000)
        if (-not $ended) { $process.Kill($true); $process.WaitForExit() }
        [pscustomobject]@{ TimedOut = -not $ended; Seconds = $clock.Elapsed.TotalSeconds; Output = $out.Result; Error = $err.Result }
    }

    # Runs each call in one child pwsh; returns, per call, its error ids and messages and DH021's evidence.
    function Invoke-Probe([string[]] $Calls, [int] $TimeoutSeconds = 120, [hashtable] $Environment = @{}) {
        $body = foreach ($call in $Calls) {
            @"
`$e = @(); `$out = @()
try { `$out = @($call -ErrorVariable +e -ErrorAction SilentlyContinue -WarningAction SilentlyContinue) } catch { `$e += `$_ }
`$e = @(`$e | Where-Object { `$_ -is [Management.Automation.ErrorRecord] })
[pscustomobject]@{ Call = '$($call -replace "'", "''")'; Ids = @(`$e | ForEach-Object { `$_.FullyQualifiedErrorId }); Messages = @(`$e | ForEach-Object { `$_.Exception.Message }); Evidence = @(`$out | ForEach-Object { `$_.Findings } | Where-Object RuleId -eq DH021 | ForEach-Object { "`$(`$_.Status): `$(`$_.Evidence)" }) } | ConvertTo-Json -Compress
"@
        }
        $run = Invoke-Isolated ($body -join "`n") -TimeoutSeconds $TimeoutSeconds -Environment $Environment
        $run.TimedOut | Should -BeFalse -Because "the calls must not block (the child was killed after $TimeoutSeconds s; it printed: $($run.Output))"
        $results = @($run.Output -split "`n" | Where-Object { $_ -match '^\{' } | ForEach-Object { $_ | ConvertFrom-Json })
        $results | Should -HaveCount $Calls.Count -Because "the child printed one result per call (stderr: $($run.Error))"
        $results
    }

    # A background process with exact arguments (Start-Process joins them into one string).
    function Start-Background([string] $File, [string[]] $Arguments) {
        $start = [Diagnostics.ProcessStartInfo]::new($File)
        foreach ($a in $Arguments) { $start.ArgumentList.Add($a) }
        [Diagnostics.Process]::Start($start)
    }

    # Waits (at most 20 s) until the condition holds.
    function Wait-Until([scriptblock] $Condition) {
        $deadline = [DateTime]::UtcNow.AddSeconds(20)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "timed out waiting for: $Condition" }
            Start-Sleep -Milliseconds 20
        }
    }

    function Mount-Tmpfs([string] $Size) {
        $dir = New-Dir
        & mount -t tmpfs -o "size=$Size" tmpfs $dir
        if ($LASTEXITCODE -ne 0) { throw "mount -t tmpfs failed at $dir" }
        $Mounts.Add($dir)
        $dir
    }

    # A compose file of about the given size: comment lines, then one service the repair changes.
    function Get-PaddedCompose([int] $Bytes) { ('# ' + ('p' * 97) + "`n") * [math]::Ceiling($Bytes / 100) + $Compose }
    function Get-PaddedDaemonJson([int] $Bytes) { '{"debug": true, "labels": ["pad=' + ('p' * $Bytes) + '"]}' }
}

AfterAll {
    foreach ($m in $Mounts) { & umount $m 2>$null }
    Get-ChildItem -LiteralPath $Scratch -Recurse -Force -ErrorAction SilentlyContinue | ForEach-Object { if ($_.Attributes -band [IO.FileAttributes]::ReparsePoint) { $_.Delete() } }
    Remove-Item -LiteralPath $Scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Anything but a regular file is refused before it is opened' {
    It 'Repair-DaemonConfiguration -Path on a character device: FileNotRegular, the device stays a device' -Skip:(-not $IsRoot) {
        $dir = New-Dir
        $device = Join-Path $dir 'daemon.json'
        & mknod -m 666 $device c 1 3
        $r = Repair-DaemonConfiguration -Path $device -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FileNotRegular,*'
        $errs[0].Exception.Message | Should -BeLike "*'$device' is a character device, not a regular file*"
        $errs[0].TargetObject | Should -Be $device
        Get-Stat $device | Should -Be 'character special file|0|0|666'
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be 'daemon.json' -Because 'no backup and no temporary file'
    }

    It 'every file reader on a FIFO with no writer returns at once with FileNotRegular, and the FIFO stays' {
        $dir = New-Dir
        $fifo = Join-Path $dir 'compose.yml'
        & mkfifo $fifo
        $other = New-File $dir 'other.yml' $Compose
        $calls = @(
            "Get-ComposeHardening -LiteralPath '$fifo'"
            "Get-ComposeHardening -Path '$dir'"
            "Repair-ComposeFile -LiteralPath '$fifo' -Confirm:`$false"
            "Repair-DaemonConfiguration -Path '$fifo' -Confirm:`$false"
            "Get-ContainerHardening -Name dh-filesafety-none -Policy '$fifo'"
            "Repair-ComposeFile -LiteralPath '$other' -Policy '$fifo' -WhatIf"
        )
        foreach ($result in Invoke-Probe $calls) {
            $result.Ids[0] | Should -BeLike 'FileNotRegular,*' -Because $result.Call
            $result.Messages[0] | Should -BeLike "*'$fifo' is a FIFO (named pipe), not a regular file*" -Because $result.Call
        }
        Get-Stat $fifo | Should -BeLike 'fifo|*' -Because 'the FIFO is not replaced'
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Sort-Object | Should -Be @('compose.yml', 'other.yml')
    }

    It 'Test-DaemonHardening -DaemonConfigPath on a FIFO: DH021 says what it is, and the audit ends' {
        $dir = New-Dir
        $fifo = Join-Path $dir 'daemon.json'
        & mkfifo $fifo
        $result = Invoke-Probe "Test-DaemonHardening -DaemonConfigPath '$fifo'"
        $result.Evidence | Should -HaveCount 1
        $result.Evidence[0] | Should -BeLike "NotApplicable: '$fifo' is a FIFO (named pipe), not a regular file*"
    }

    It '/dev/zero and /dev/urandom as a compose file and as daemon.json: FileNotRegular, nothing read' {
        $calls = foreach ($name in '/dev/zero', '/dev/urandom') {
            "Get-ComposeHardening -LiteralPath $name"
            "Repair-ComposeFile -LiteralPath $name -Confirm:`$false"
            "Repair-DaemonConfiguration -Path $name -Confirm:`$false"
        }
        $results = Invoke-Probe $calls
        foreach ($result in $results) {
            $result.Ids[0] | Should -BeLike 'FileNotRegular,*' -Because $result.Call
            $result.Messages[0] | Should -BeLike "*'/dev/*' is a character device, not a regular file*" -Because $result.Call
        }
    }

    It 'a symlink to a character device is refused and named with its target' -Skip:(-not $IsRoot) {
        $dir = New-Dir
        $device = Join-Path $dir 'null'
        & mknod -m 666 $device c 1 3
        $link = Join-Path $dir 'compose.yml'
        New-Item -ItemType SymbolicLink -Path $link -Target $device | Out-Null
        Repair-ComposeFile -LiteralPath $link -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FileNotRegular,*'
        $errs[0].Exception.Message | Should -BeLike "*'$link' (a symlink to '$device') is a character device*"
        (Get-Item -LiteralPath $link).LinkTarget | Should -Be $device
        Get-Stat $device | Should -BeLike 'character special file|*'
    }

    It 'a directory given as the policy or as daemon.json is named as a directory' {
        $dir = New-Dir
        { Get-ContainerHardening -Name dh-filesafety-none -Policy $dir -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'FileNotRegular,*'
        Repair-DaemonConfiguration -Path $dir -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FileNotRegular,*'
        $errs[0].Exception.Message | Should -BeLike "*'$dir' is a directory, not a regular file*"
    }
}

Describe 'A symlink is written through: the link stays, its target is repaired' {
    It 'Repair-ComposeFile' {
        $real = New-Dir
        $target = New-File $real 'shared.yml' $Compose
        $dir = New-Dir
        $link = Join-Path $dir 'compose.yml'
        & ln -s "../$(Split-Path -Leaf $real)/shared.yml" $link   # relative, as links in repositories are
        $r = Repair-ComposeFile -LiteralPath $link -Confirm:$false -ErrorAction Stop
        $r.Applied | Should -BeTrue
        (Get-Item -LiteralPath $link).LinkType | Should -Be 'SymbolicLink'
        Get-Content -Raw -LiteralPath $target | Should -Match 'mem_limit: 256m'
        $r.BackupPath | Should -Match ([regex]::Escape($target) + '\.\d{8}-\d{6}\.bak$') -Because 'the backup is of the target, beside it'
        Get-Content -Raw -LiteralPath $r.BackupPath | Should -Be $Compose
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be 'compose.yml' -Because 'nothing is written beside the link'
        (Get-ComposeHardening -LiteralPath $link).Findings | Where-Object RuleId -eq DH116 | ForEach-Object Status | Should -Be 'Pass'
    }

    It 'Repair-DaemonConfiguration' {
        $real = New-Dir
        $target = New-File $real 'daemon.json' $DaemonJson
        $dir = New-Dir
        $link = Join-Path $dir 'daemon.json'
        New-Item -ItemType SymbolicLink -Path $link -Target $target | Out-Null
        $r = Repair-DaemonConfiguration -Path $link -Rule DH014 -Confirm:$false -ErrorAction Stop -WarningAction SilentlyContinue
        $r.Applied | Should -BeTrue
        (Get-Item -LiteralPath $link).LinkTarget | Should -Be $target
        (Get-Content -Raw -LiteralPath $target | ConvertFrom-Json).'no-new-privileges' | Should -BeTrue
        Get-Content -Raw -LiteralPath $r.BackupPath | Should -Be $DaemonJson
        Split-Path $r.BackupPath | Should -Be $real
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be 'daemon.json'
    }
}

Describe 'Owner, group and mode are kept' -Skip:(-not $IsRoot) {
    It 'Repair-ComposeFile run as root on a 0640 file of another user (file and backup)' {
        $dir = New-Dir
        $file = New-File $dir 'compose.yml' $Compose
        & chown 1234:2345 $file
        & chmod 0640 $file
        $r = Repair-ComposeFile -LiteralPath $file -Confirm:$false -ErrorAction Stop
        $r.Applied | Should -BeTrue
        Get-Stat $file | Should -Be 'regular file|1234|2345|640'
        Get-Stat $r.BackupPath | Should -Be 'regular file|1234|2345|640' -Because 'the copy holds the same text, so the same people may read it'
        # The owner can still read and write it.
        & setpriv --reuid=1234 --regid=2345 --clear-groups sh -c "cat '$file' >/dev/null && test -w '$file'"
        $LASTEXITCODE | Should -Be 0
    }

    It 'Repair-DaemonConfiguration keeps 0600 and another owner' {
        $dir = New-Dir
        $file = New-File $dir 'daemon.json' $DaemonJson
        & chown 4321:4322 $file
        & chmod 0600 $file
        $r = Repair-DaemonConfiguration -Path $file -Rule DH014 -Confirm:$false -ErrorAction Stop
        $r.Applied | Should -BeTrue
        Get-Stat $file | Should -Be 'regular file|4321|4322|600'
        Get-Stat $r.BackupPath | Should -Be 'regular file|4321|4322|600'
    }
}

Describe 'No lost update: a file changed between read and write is refused with FileChangedDuringRepair' {
    It 'Repair-ComposeFile while another process appends to the file: every appended line survives' {
        $dir = New-Dir
        $file = New-File $dir 'compose.yml' $Compose
        $stop = Join-Path $dir 'stop'
        $count = Join-Path $dir 'count'
        $appender = Start-Background bash '-c', "i=0; while [ ! -e '$stop' ]; do i=`$((i+1)); echo `"# appended `$i`" >> '$file'; done; echo `$i > '$count'"
        try {
            Wait-Until { (Get-Item -LiteralPath $file).Length -gt $Compose.Length }
            $r = Repair-ComposeFile -LiteralPath $file -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally {
            New-Item -ItemType File -Path $stop | Out-Null
            $appender.WaitForExit(10000) | Out-Null
        }
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FileChangedDuringRepair,*'
        $errs[0].Exception.Message | Should -BeLike "*'$file' changed while it was being repaired*Nothing was written*"
        $appended = [int](Get-Content -LiteralPath $count)
        $lines = Get-Content -LiteralPath $file
        @($lines | Where-Object { $_ -like '# appended *' }).Count | Should -Be $appended -Because 'no appended line vanished'
        ($lines[0..2] -join "`n") + "`n" | Should -Be $Compose -Because 'the original is intact'
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Sort-Object | Should -Be @('compose.yml', 'count', 'stop') -Because 'no backup or temporary file is left'
    }

    It 'Repair-DaemonConfiguration while another process rewrites daemon.json: the other writer''s file stays' {
        $dir = New-Dir
        $file = New-File $dir 'daemon.json' $DaemonJson
        $stop = Join-Path $dir 'stop'
        $count = Join-Path $dir 'count'
        $new = Join-Path $dir 'rewrite.new'
        $rewriter = Start-Background bash '-c', "i=0; while [ ! -e '$stop' ]; do i=`$((i+1)); printf '{`"debug`": true, `"labels`": [`"rewrite=%d`"], `"max-concurrent-downloads`": 4}' `$i > '$new'; mv -f '$new' '$file'; done; echo `$i > '$count'"
        try {
            Wait-Until { (Get-Content -Raw -LiteralPath $file -ErrorAction SilentlyContinue) -match 'rewrite=' }
            $r = Repair-DaemonConfiguration -Path $file -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        }
        finally {
            New-Item -ItemType File -Path $stop | Out-Null
            $rewriter.WaitForExit(10000) | Out-Null
        }
        @($r | Where-Object Applied) | Should -BeNullOrEmpty -Because 'nothing was applied'
        $errs.FullyQualifiedErrorId | Should -Contain 'FileChangedDuringRepair,DockerHarden.Commands.RepairDaemonConfigurationCommand'
        $last = [int](Get-Content -LiteralPath $count)
        Get-Content -Raw -LiteralPath $file | Should -BeLike "*rewrite=$last*" -Because 'the last rewrite is the file'
        @(Get-ChildItem -LiteralPath $dir -Filter '*.bak') | Should -BeNullOrEmpty
        @(Get-ChildItem -LiteralPath $dir -Force -Filter '.*.tmp') | Should -BeNullOrEmpty
    }

    It '<Cmdlet> refuses while another process holds a lock on the file (flock -s)' -ForEach @(
        @{ Cmdlet = 'Repair-ComposeFile'; Name = 'compose.yml'; Call = { param($f) Repair-ComposeFile -LiteralPath $f -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue; $errs } }
        @{ Cmdlet = 'Repair-DaemonConfiguration'; Name = 'daemon.json'; Call = { param($f) Repair-DaemonConfiguration -Path $f -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue; $errs } }
    ) {
        $dir = New-Dir
        $file = New-File $dir $Name $(if ($Name -eq 'compose.yml') { $Compose } else { $DaemonJson })
        $before = Get-Sha $file
        $holder = Start-Background flock '-s', $file, 'sleep', '60'
        try {
            Wait-Until { & flock -n -x $file true; $LASTEXITCODE -ne 0 }
            $out = & $Call $file
        }
        finally { $holder.Kill($true); $holder.WaitForExit() }
        $errors = @($out | Where-Object { $_ -is [Management.Automation.ErrorRecord] })
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'FileChangedDuringRepair,*'
        $errors[0].Exception.Message | Should -BeLike '*another process holds a lock on it (flock)*'
        Get-Sha $file | Should -Be $before
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be $Name
    }
}

Describe 'A write that fails (a full file system) leaves the original and nothing else' -Skip:(-not $IsRoot) {
    It '<Cmdlet>: <Case>' -ForEach @(
        @{ Cmdlet = 'Repair-ComposeFile'; Case = 'the backup fits, the new file does not'; Bytes = 24000; NoBackup = $false; Id = 'ComposeWriteFailed' }
        @{ Cmdlet = 'Repair-ComposeFile'; Case = 'the backup does not fit'; Bytes = 40000; NoBackup = $false; Id = 'ComposeWriteFailed' }
        @{ Cmdlet = 'Repair-ComposeFile'; Case = '-NoBackup, the new file does not fit'; Bytes = 40000; NoBackup = $true; Id = 'ComposeWriteFailed' }
        @{ Cmdlet = 'Repair-DaemonConfiguration'; Case = 'the backup fits, the new file does not'; Bytes = 24000; NoBackup = $false; Id = 'DaemonConfigWriteFailed' }
        @{ Cmdlet = 'Repair-DaemonConfiguration'; Case = 'the backup does not fit'; Bytes = 40000; NoBackup = $false; Id = 'DaemonConfigWriteFailed' }
    ) {
        $dir = Mount-Tmpfs '64k'
        if ($Cmdlet -eq 'Repair-ComposeFile') {
            $file = New-File $dir 'compose.yml' (Get-PaddedCompose $Bytes)
            $before = Get-Sha $file
            $r = Repair-ComposeFile -LiteralPath $file -NoBackup:$NoBackup -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        else {
            $file = New-File $dir 'daemon.json' (Get-PaddedDaemonJson $Bytes)
            $before = Get-Sha $file
            $r = Repair-DaemonConfiguration -Path $file -Rule DH014 -NoBackup:$NoBackup -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike "$Id,*"
        $errs[0].Exception.Message | Should -BeLike '*No space left on device*unchanged*no temporary file or backup is left*'
        Get-Sha $file | Should -Be $before -Because 'the original is intact'
        @(Get-ChildItem -LiteralPath $dir -Force).Name | Should -Be (Split-Path -Leaf $file) -Because 'no 0-byte or full backup, no temporary file'
    }
}

Describe 'Files over the size limit are FileTooLarge' {
    It 'the default limit, 4 MiB: a file of 4 MiB + 1 byte is refused without being read, one of 4 MiB is read' {
        $dir = New-Dir
        $file = Join-Path $dir 'compose.yml'
        & truncate -s 4194305 $file
        $clock = [Diagnostics.Stopwatch]::StartNew()
        Get-ComposeHardening -LiteralPath $file -ErrorVariable errs -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $clock.Elapsed.TotalSeconds | Should -BeLessThan 5
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'FileTooLarge,*'
        $errs[0].Exception.Message | Should -BeLike "*'$file' is larger than the limit of 4 MiB (4194304 bytes): it has 4194305 bytes, so it is not read*DOCKERHARDEN_MAX_FILE_SIZE*"
        # At the limit the file is read: a comment line padded to exactly 4 MiB, then one service.
        $service = "services:`n  web:`n    image: busybox:1.36`n"
        $padding = 4MB - $service.Length - 2
        [IO.File]::WriteAllText($file, '#' + ('x' * $padding) + "`n" + $service)
        (Get-Item $file).Length | Should -Be 4MB
        $reports = @(Get-ComposeHardening -LiteralPath $file -ErrorVariable errs -ErrorAction SilentlyContinue)
        $errs | Should -BeNullOrEmpty
        $reports.Service | Should -Be 'web'
    }

    It 'a 50 MB compose file of 338k services (the case of the issue) is refused at once, in little memory' {
        $dir = New-Dir
        $file = Join-Path $dir 'compose.yml'
        $writer = [IO.StreamWriter]::new($file)
        try {
            $writer.Write("services:`n")
            for ($i = 0; $writer.BaseStream.Length -lt 50MB; $i++) {
                $writer.Write("  service${i}:`n    image: registry.local/app${i}:1.0`n    privileged: true`n    cap_add: [SYS_ADMIN]`n")
            }
        }
        finally { $writer.Dispose() }
        $run = Invoke-Isolated @"
Get-ComposeHardening -LiteralPath '$file' -ErrorVariable e -ErrorAction SilentlyContinue | Out-Null
`$peak = [long]((Get-Content /proc/self/status | Where-Object { `$_ -like 'VmHWM*' }) -replace '\D', '')
'{0}|{1}' -f (@(`$e | ForEach-Object FullyQualifiedErrorId) -join ','), `$peak
"@
        $run.TimedOut | Should -BeFalse
        $ids, $peakKiB = ($run.Output.Trim() -split "`n")[-1] -split '\|'
        $ids | Should -BeLike 'FileTooLarge,*'
        # The child's peak stays that of a pwsh that imported the module (about 150 MiB), far from the 5 GB of a read.
        [long]$peakKiB / 1KB | Should -BeLessThan 400
    }

    It 'DOCKERHARDEN_MAX_FILE_SIZE=1k applies to every reader' {
        $dir = New-Dir
        $compose = New-File $dir 'compose.yml' (Get-PaddedCompose 2000)
        $daemon = New-File $dir 'daemon.json' (Get-PaddedDaemonJson 2000)
        $policy = New-File $dir 'policy.yml' ((('# ' + 'p' * 97 + "`n") * 20) + "waivers: []`n")
        $small = New-File (New-Dir) 'compose.yml' $Compose
        $before = Get-Sha $compose
        $calls = @(
            @{ File = $compose; Call = "Get-ComposeHardening -LiteralPath '$compose'" }
            @{ File = $compose; Call = "Repair-ComposeFile -LiteralPath '$compose' -Confirm:`$false" }
            @{ File = $daemon; Call = "Repair-DaemonConfiguration -Path '$daemon' -Confirm:`$false" }
            @{ File = $daemon; Call = "Test-DaemonHardening -DaemonConfigPath '$daemon'" }
            @{ File = $policy; Call = "Get-ContainerHardening -Name dh-filesafety-none -Policy '$policy'" }
            @{ File = $policy; Call = "Repair-ComposeFile -LiteralPath '$small' -Policy '$policy' -WhatIf" }
        )
        $results = Invoke-Probe $calls.Call -Environment @{ DOCKERHARDEN_MAX_FILE_SIZE = '1k' }
        for ($i = 0; $i -lt $calls.Count; $i++) {
            $text = if ($calls[$i].Call -like 'Test-DaemonHardening*') { $results[$i].Evidence[0] } else { $results[$i].Messages[0] }
            if ($calls[$i].Call -notlike 'Test-DaemonHardening*') { $results[$i].Ids[0] | Should -BeLike 'FileTooLarge,*' -Because $calls[$i].Call }
            $text | Should -BeLike "*'$($calls[$i].File)' is larger than the limit of 1 KiB (1024 bytes): it has * bytes, so it is not read*" -Because $calls[$i].Call
        }
        Get-Sha $compose | Should -Be $before
    }

    It 'a limit that is not a size is FileSizeLimitInvalid' {
        $dir = New-Dir
        $file = New-File $dir 'compose.yml' $Compose
        $result = Invoke-Probe "Get-ComposeHardening -LiteralPath '$file'" -Environment @{ DOCKERHARDEN_MAX_FILE_SIZE = 'lots' }
        $result.Ids[0] | Should -BeLike 'FileSizeLimitInvalid,*'
        $result.Messages[0] | Should -BeLike "*DOCKERHARDEN_MAX_FILE_SIZE is 'lots', not a size*"
    }
}
