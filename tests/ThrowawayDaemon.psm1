# Throwaway dockerd instances beside the main engine, for the daemon suites. Each has its own data root, exec root,
# pid file, unix socket and config file, and runs in its own network namespace (unshare --net), so that settings
# such as "bridge": "none" cannot touch the main daemon's docker0 (see ENVIRONMENT.md; ip netns exec does not
# work here, it remounts /sys and hides the cgroups). Everything lives under one folder per run and is removed by
# Remove-ThrowawayDaemon, which also unmounts what the daemon or the test mounted there.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseSingularNouns', '', Scope = 'Function', Target = '*', Justification = 'Kept names: other suites and scripts call them.')]
param()

Set-StrictMode -Version 3.0

$script:RunId = [Guid]::NewGuid().ToString('N').Substring(0, 8)
# Short: a unix socket path may not exceed 107 bytes.
$script:BaseDir = "/tmp/dhd-$($script:RunId)"
$script:Daemons = [System.Collections.Generic.List[object]]::new()
$script:HadDockremap = $null

function Test-ThrowawayDaemonSupport {
    <# .SYNOPSIS Why throwaway daemons cannot run here, or $null when they can (root, Linux, dockerd, unshare, ip). #>
    if (-not $IsLinux) { return 'throwaway daemons need Linux' }
    if ((& id -u) -ne '0') { return 'throwaway daemons need root' }
    foreach ($tool in 'dockerd', 'unshare', 'ip', 'stat') {
        if (-not (Get-Command $tool -CommandType Application -ErrorAction SilentlyContinue)) { return "$tool is not installed" }
    }
    $null
}

function New-ThrowawayDaemon {
    <#
    .SYNOPSIS
    Prepares (and with -Start starts) a dockerd under /tmp/dhd-<run>/<Name>; returns its description.
    .PARAMETER Config
    daemon.json content: a hashtable (converted to JSON) or a string written as is.
    .PARAMETER TmpfsDataRoot
    Mount a tmpfs at the data root first, so that it is a mount point of its own (DH010).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)][ValidatePattern('^[a-z0-9-]+$')][string] $Name,
        [object] $Config = @{},
        [switch] $TmpfsDataRoot,
        [switch] $Start
    )
    $root = Join-Path $script:BaseDir $Name
    New-Item -ItemType Directory -Force -Path "$root/data", "$root/exec" | Out-Null
    $socket = "$root/docker.sock"
    $configPath = "$root/daemon.json"
    $text = if ($Config -is [string]) { $Config } else { $Config | ConvertTo-Json -Depth 5 }
    [IO.File]::WriteAllText($configPath, $text)
    & chmod 0644 $configPath
    if ($TmpfsDataRoot) {
        & mount -t tmpfs -o size=512m "dhd-$($script:RunId)-$Name" "$root/data"
        if ($LASTEXITCODE -ne 0) { throw "mount tmpfs on $root/data failed" }
    }
    $daemon = [pscustomobject]@{
        Name       = $Name
        Root       = $root
        Socket     = $socket
        Endpoint   = "unix://$socket"
        ConfigPath = $configPath
        DataRoot   = "$root/data"
        ExecRoot   = "$root/exec"
        PidFile    = "$root/dockerd.pid"
        Log        = "$root/dockerd.log"
        Pid        = $null
        # When daemon.json lists "hosts", dockerd refuses -H as well: the socket then comes from the file.
        HostsInConfig = ($text -match '"hosts"')
    }
    $script:Daemons.Add($daemon)
    if ($Start) { Start-ThrowawayDaemon $daemon }
    $daemon
}

function Start-ThrowawayDaemon {
    <# .SYNOPSIS Starts the daemon in a new network namespace and returns at once; Wait-ThrowawayDaemon waits. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Daemon)
    Remove-Item -LiteralPath $Daemon.Socket, $Daemon.PidFile -Force -ErrorAction SilentlyContinue
    $flags = "--data-root '$($Daemon.DataRoot)' --exec-root '$($Daemon.ExecRoot)' --pidfile '$($Daemon.PidFile)' --config-file '$($Daemon.ConfigPath)'"
    if (-not $Daemon.HostsInConfig) { $flags += " -H '$($Daemon.Endpoint)'" }
    # unshare, sh and dockerd exec one another, so $! is dockerd's pid. Only loopback exists in the new namespace.
    $inner = "ip link set lo up; exec dockerd $flags"
    $outer = "setsid nohup unshare --net sh -c `"$inner`" > '$($Daemon.Log)' 2>&1 < /dev/null & echo `$!"
    $Daemon.Pid = [int](& /bin/sh -c $outer)
}

function Wait-ThrowawayDaemon {
    <# .SYNOPSIS Waits until the daemon answers on its socket; throws with the end of its log when it does not. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Daemon, [int] $TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (Test-Path -LiteralPath $Daemon.Socket) {
            $null = & docker -H $Daemon.Endpoint version --format '{{.Server.Version}}' 2>&1
            if ($LASTEXITCODE -eq 0) { return }
        }
        if ($Daemon.Pid -and -not (Test-Path "/proc/$($Daemon.Pid)")) { break }
        Start-Sleep -Milliseconds 250
    }
    $tail = if (Test-Path $Daemon.Log) { (Get-Content $Daemon.Log -Tail 15) -join "`n" } else { '(no log)' }
    throw "Throwaway dockerd '$($Daemon.Name)' did not answer on $($Daemon.Socket) within $TimeoutSeconds s. Log:`n$tail"
}

function Stop-ThrowawayDaemon {
    <# .SYNOPSIS Stops the daemon (SIGTERM, then SIGKILL after 20 s) and waits until it is gone. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Daemon)
    $procId = $Daemon.Pid
    if (-not $procId -and (Test-Path $Daemon.PidFile)) { $procId = [int](Get-Content $Daemon.PidFile -Raw) }
    if (-not $procId -or -not (Test-ProcessIsDaemon $procId $Daemon)) { $Daemon.Pid = $null; return }
    & /bin/kill -TERM $procId 2>$null
    $deadline = [DateTime]::UtcNow.AddSeconds(20)
    while ((Test-Path "/proc/$procId") -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 200 }
    if (Test-Path "/proc/$procId") { & /bin/kill -KILL $procId 2>$null; Start-Sleep -Milliseconds 500 }
    $Daemon.Pid = $null
}

function Test-ProcessIsDaemon([int] $ProcessId, $Daemon) {
    # Never signal a pid that was reused by another process: it must be a dockerd with our pid file.
    try { $cmd = [IO.File]::ReadAllText("/proc/$ProcessId/cmdline") } catch { return $false }
    $cmd.Contains($Daemon.PidFile)
}

function Remove-ThrowawayDaemon {
    <# .SYNOPSIS Stops the daemon, unmounts everything under its folder (deepest first) and deletes the folder. #>
    [CmdletBinding()]
    param([Parameter(Mandatory, Position = 0)] $Daemon)
    Stop-ThrowawayDaemon $Daemon
    $mounts = @(Get-Content /proc/self/mountinfo | ForEach-Object { ($_ -split ' ')[4] } |
            Where-Object { $_ -eq $Daemon.Root -or $_.StartsWith("$($Daemon.Root)/") } | Sort-Object Length -Descending)
    foreach ($m in $mounts) { & umount -l $m 2>$null }
    Remove-Item -LiteralPath $Daemon.Root -Recurse -Force -ErrorAction SilentlyContinue
    # Overlay work directories (mode 000) defeat Remove-Item; rm -rf as root does not.
    if (Test-Path -LiteralPath $Daemon.Root) { & rm -rf -- $Daemon.Root }
    $null = $script:Daemons.Remove($Daemon)
}

function Remove-AllThrowawayDaemons {
    <# .SYNOPSIS Removes every daemon this import created, then the run folder. Safe to call twice. #>
    foreach ($d in @($script:Daemons)) { Remove-ThrowawayDaemon $d }
    Remove-Item -LiteralPath $script:BaseDir -Recurse -Force -ErrorAction SilentlyContinue
}

function Get-ThrowawayDirectory { <# .SYNOPSIS The run folder, for scratch files. #> New-Item -ItemType Directory -Force -Path $script:BaseDir | Select-Object -ExpandProperty FullName }

function New-ThrowawayUser {
    <# .SYNOPSIS Creates a system user dhu<run><Suffix> without home or login; returns its name. #>
    param([Parameter(Mandatory)][string] $Suffix)
    $name = "dhu$($script:RunId)$Suffix"
    & useradd --system --no-create-home --shell /usr/sbin/nologin $name
    if ($LASTEXITCODE -ne 0) { throw "useradd $name failed" }
    $name
}

function Remove-ThrowawayUser([string] $Name) {
    <# .SYNOPSIS Deletes a user made by New-ThrowawayUser (and with it its group memberships). #>
    if ($Name -like "dhu$($script:RunId)*") { & userdel $Name 2>$null }
}

function Initialize-DaemonSuite {
    <#
    .SYNOPSIS
    The BeforeAll of the daemon suites: imports the module under test (globally, so the suite sees its cmdlets), makes
    sure the main engine answers and throwaway daemons can run, and notes whether dockremap exists yet.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory)][string] $TestRoot)
    Import-Module (Join-Path $TestRoot 'TestEngine.psm1') -Force -Global
    $modulePath = Get-ModuleUnderTest
    Import-Module $modulePath -Force -Global
    $null = Initialize-TestEngine
    $unsupported = Test-ThrowawayDaemonSupport
    if ($unsupported) { throw "These tests need throwaway daemons: $unsupported." }
    $script:HadDockremap = [bool](& getent passwd dockremap)
    $modulePath
}

function Complete-DaemonSuite {
    <#
    .SYNOPSIS
    The AfterAll of the daemon suites: removes every throwaway daemon and, when userns-remap created dockremap
    (and its subordinate ids) during this run, that user too, leaving the host as it was found.
    #>
    Remove-AllThrowawayDaemons
    if ($null -ne $script:HadDockremap -and -not $script:HadDockremap -and (& getent passwd dockremap)) { & userdel dockremap 2>$null }
}

Export-ModuleMember -Function Initialize-DaemonSuite, Complete-DaemonSuite, Test-ThrowawayDaemonSupport, New-ThrowawayDaemon, Start-ThrowawayDaemon, Wait-ThrowawayDaemon,
    Stop-ThrowawayDaemon, Remove-ThrowawayDaemon, Remove-AllThrowawayDaemons, Get-ThrowawayDirectory, New-ThrowawayUser,
    Remove-ThrowawayUser
