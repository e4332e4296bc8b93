# Test support for the real-engine suites: an engine, a local image, labelled fixtures and their clean-up.
# Nothing here touches a container, network or image that does not carry the test label.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseSingularNouns', '', Scope = 'Function', Target = '*', Justification = 'Kept names: other suites and scripts call them.')]
param()

Set-StrictMode -Version 3.0

$script:TestLabelKey = 'dockerharden.test'
$script:TestLabel = 'dockerharden.test=1'
$script:RunLabelKey = 'dockerharden.run'
# Short and unique per import, so that names from an earlier, aborted run never collide with this one.
$script:RunId = [Guid]::NewGuid().ToString('N').Substring(0, 8)
$script:ImageName = 'dockerharden-test/busybox:1.0'
$script:HealthImageName = 'dockerharden-test/busybox-health:1.0'
$script:LatestImageName = 'dockerharden-test/busybox:latest'
$script:DockerdLog = $null

function Invoke-Docker {
    <#
    .SYNOPSIS
    Runs the docker client; returns stdout lines, throws with stderr when the exit code is not 0.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, Position = 0)][string[]] $Arguments,
        [string] $InputFile,
        [switch] $AllowFailure
    )
    $errFile = [IO.Path]::GetTempFileName()
    try {
        if ($InputFile) {
            # PowerShell pipes text, not bytes: let the shell feed binary input (an image tar) to docker.
            $quoted = ($Arguments | ForEach-Object { "'" + ($_ -replace "'", "'\''") + "'" }) -join ' '
            $out = & /bin/sh -c "docker $quoted < '$InputFile'" 2> $errFile
        }
        else {
            $out = & docker @Arguments 2> $errFile
        }
        $code = $LASTEXITCODE
        $err = (Get-Content -Raw -LiteralPath $errFile) ?? ''
    }
    finally {
        Remove-Item -LiteralPath $errFile -ErrorAction SilentlyContinue
    }
    if ($code -ne 0 -and -not $AllowFailure) {
        throw "docker $($Arguments -join ' ') failed (exit $code): $($err.Trim())"
    }
    $out
}

function Test-DockerServer {
    <# .SYNOPSIS True when a docker client exists and the engine it points at answers. #>
    if (-not (Get-Command docker -CommandType Application -ErrorAction SilentlyContinue)) { return $false }
    $null = & docker version --format '{{.Server.Version}}' 2>&1
    $LASTEXITCODE -eq 0
}

function Get-TestEndpoint {
    <# .SYNOPSIS The endpoint the docker client (and the module, which honours DOCKER_HOST) talks to. #>
    if ($env:DOCKER_HOST -and $env:DOCKER_HOST -notin 'unix:///var/run/docker.sock', 'unix:///run/docker.sock') { return $env:DOCKER_HOST }
    $ctx = & docker context inspect --format '{{.Endpoints.docker.Host}}' 2>$null
    if ($LASTEXITCODE -eq 0 -and $ctx) { return ($ctx | Select-Object -First 1).Trim() }
    'unix:///var/run/docker.sock'
}

function Test-AptHost {
    # Root on Debian or Ubuntu with apt-get: the only place where this module installs anything.
    if (-not $IsLinux) { return $false }
    if ((& id -u) -ne '0') { return $false }
    if (-not (Get-Command apt-get -CommandType Application -ErrorAction SilentlyContinue)) { return $false }
    if (-not (Test-Path /etc/os-release)) { return $false }
    $os = Get-Content /etc/os-release -Raw
    $os -match '(?m)^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b'
}

function Install-TestPackage {
    param([Parameter(Mandatory)][string[]] $Package)
    Write-Host "TestEngine: installing $($Package -join ' ') with apt-get"
    $env:DEBIAN_FRONTEND = 'noninteractive'
    # needrestart (recommended by docker.io) would otherwise ask which services to restart.
    $env:NEEDRESTART_MODE = 'a'
    & apt-get update -q 2>&1 | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "apt-get update failed (exit $LASTEXITCODE)." }
    # With recommends, as ENVIRONMENT.md's checked setup (cgroupfs-mount among them).
    & apt-get install -y -q @Package 2>&1 | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "apt-get install $($Package -join ' ') failed (exit $LASTEXITCODE)." }
}

function Wait-DockerServer {
    param([int] $TimeoutSeconds = 60)
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    while ([DateTime]::UtcNow -lt $deadline) {
        if (Test-DockerServer) { return $true }
        Start-Sleep -Milliseconds 500
    }
    $false
}

function Initialize-TestEngine {
    <#
    .SYNOPSIS
    Makes sure a Docker engine answers and returns its endpoint.
    .DESCRIPTION
    Uses the engine the docker client already reaches. Otherwise, as root on Debian/Ubuntu, installs what is
    missing with apt-get (docker.io containerd runc iptables busybox-static docker-compose), starts dockerd in
    the background with its log in a temporary file and waits up to 60 seconds for it.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param([int] $TimeoutSeconds = 60)

    if (Test-DockerServer) {
        $endpoint = Get-TestEndpoint
        Write-Host "TestEngine: using the Docker engine at $endpoint"
        return $endpoint
    }
    if ($env:DOCKER_HOST -and $env:DOCKER_HOST -notin 'unix:///var/run/docker.sock', 'unix:///run/docker.sock') {
        # Starting a local daemon would not help: the client (and the module) are pointed elsewhere.
        throw "No Docker engine answers at DOCKER_HOST=$($env:DOCKER_HOST). Start that engine or unset DOCKER_HOST."
    }
    if (-not (Test-AptHost)) {
        throw ('No Docker engine answers and none can be installed here (that needs root on Debian/Ubuntu ' +
            'with apt-get). Install docker.io, containerd, runc, iptables and busybox-static, start dockerd ' +
            '(or point DOCKER_HOST at an engine) and run the tests again.')
    }

    $needed = [ordered]@{
        'docker.io' = { Get-Command dockerd -CommandType Application -ErrorAction SilentlyContinue }
        'containerd' = { Get-Command containerd -CommandType Application -ErrorAction SilentlyContinue }
        'runc' = { Get-Command runc -CommandType Application -ErrorAction SilentlyContinue }
        'iptables' = { Get-Command iptables -CommandType Application -ErrorAction SilentlyContinue }
        'busybox-static' = { Test-StaticBusybox }
        'docker-compose' = { Get-Command docker-compose -CommandType Application -ErrorAction SilentlyContinue }
    }
    $missing = @($needed.Keys | Where-Object { -not (& $needed[$_]) })
    if ($missing.Count -gt 0) {
        Install-TestPackage -Package $missing
        # The package's init script may have started the daemon already (hosts without systemd run it).
        if (Wait-DockerServer -TimeoutSeconds 5) {
            $endpoint = Get-TestEndpoint
            Write-Host "TestEngine: the Docker engine at $endpoint answers after installation"
            return $endpoint
        }
    }

    $script:DockerdLog = Join-Path ([IO.Path]::GetTempPath()) "dockerharden-dockerd-$($script:RunId).log"
    Write-Host "TestEngine: starting dockerd (log: $($script:DockerdLog))"
    # setsid + nohup detach dockerd from this process and its output pipes, so the call returns at once.
    & /bin/sh -c "setsid nohup dockerd > '$($script:DockerdLog)' 2>&1 < /dev/null &"
    if (-not (Wait-DockerServer -TimeoutSeconds $TimeoutSeconds)) {
        $tail = if (Test-Path $script:DockerdLog) { (Get-Content $script:DockerdLog -Tail 20) -join "`n" } else { '(no log)' }
        throw "dockerd did not answer within $TimeoutSeconds s. Last lines of $($script:DockerdLog):`n$tail"
    }
    $endpoint = Get-TestEndpoint
    Write-Host "TestEngine: started dockerd; endpoint $endpoint"
    $endpoint
}

function Initialize-TestBrowser {
    <#
    .SYNOPSIS
    The path of a headless Chromium for the HTML report tests, installed with apt-get (package chromium) as root
    on Debian/Ubuntu when missing, as the engine is; throws with what to install elsewhere.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()
    $find = { Get-Command chromium, chromium-browser, google-chrome -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1 }
    $browser = & $find
    if (-not $browser -and (Test-AptHost)) {
        Install-TestPackage -Package 'chromium'
        $browser = & $find
    }
    if (-not $browser) { throw 'The HTML report tests need a headless Chromium: install the chromium package (or chromium-browser, google-chrome).' }
    $browser.Source
}
Export-ModuleMember -Function Initialize-TestBrowser

function Test-StaticBusybox {
    param([string] $Path = '/bin/busybox')
    if (-not (Test-Path -LiteralPath $Path)) { return $false }
    # A dynamically linked busybox would not run in an image that has no libc.
    if (Get-Command ldd -CommandType Application -ErrorAction SilentlyContinue) {
        $text = (& ldd $Path 2>&1) -join ' '
        return ($text -match 'not a dynamic executable|statically linked')
    }
    $true
}

function Get-TestRunId { $script:RunId }

function Get-ModuleUnderTest {
    <# .SYNOPSIS The built module's .psd1: DOCKERHARDEN_MODULE, else out/DockerHarden beside tests/; throws when missing. #>
    $path = if ($env:DOCKERHARDEN_MODULE) { $env:DOCKERHARDEN_MODULE } else { Join-Path $PSScriptRoot '../out/DockerHarden/DockerHarden.psd1' }
    if (-not (Test-Path -LiteralPath $path)) {
        throw "Module under test not found at '$path': build it or set DOCKERHARDEN_MODULE to its .psd1."
    }
    $path
}

function Initialize-TestSuite {
    <#
    .SYNOPSIS
        The set-up every suite repeats: the module under test imported (into the global scope, where the tests run),
        with -Engine the engine and the test image ready, and a scratch directory named after the suite and this run.
        Returns Module (the .psd1), RunId, Dir, Pwsh, and with -Engine Endpoint and Images.
    #>
    param([Parameter(Mandatory)] [string] $Name, [switch] $Engine)
    $module = (Resolve-Path (Get-ModuleUnderTest)).Path
    Import-Module $module -Force -Global
    $endpoint = $null
    $images = $null
    if ($Engine) {
        $endpoint = Initialize-TestEngine
        $images = Initialize-TestImage
    }
    $dir = Join-Path ([IO.Path]::GetTempPath()) "dh-test-$script:RunId-$Name"
    New-Item -ItemType Directory -Force -Path $dir | Out-Null
    [pscustomobject]@{ Module = $module; RunId = $script:RunId; Dir = $dir; Pwsh = Get-PwshPath; Endpoint = $endpoint; Images = $images }
}

function Remove-TestSuite {
    <# .SYNOPSIS Undoes Initialize-TestSuite: this run's containers and networks (when it used the engine) and the scratch directory. #>
    param($Suite)
    if (-not $Suite) { return }
    if ($Suite.Endpoint) { Remove-TestContainers }
    Remove-Item -LiteralPath $Suite.Dir -Recurse -Force -ErrorAction SilentlyContinue
}

function Get-PwshPath {
    <# .SYNOPSIS The pwsh launcher for child processes (under the dotnet global tool this process is 'dotnet'). #>
    if ([Environment]::ProcessPath -match 'pwsh(\.exe)?$') { return [Environment]::ProcessPath }
    (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source
}

function Get-TestImage {
    <# .SYNOPSIS Names of the images the fixtures use. #>
    [pscustomobject]@{
        Pinned = $script:ImageName
        Latest = $script:LatestImageName
        Untagged = $script:LatestImageName -replace ':latest$', ''
        Healthcheck = $script:HealthImageName
    }
}

function Test-ImageExists([string] $Name) {
    $null = & docker image inspect $Name 2>&1
    $LASTEXITCODE -eq 0
}

function Initialize-TestImage {
    <#
    .SYNOPSIS
    Builds the test images from the host's static busybox (nothing is pulled), unless they exist.
    .DESCRIPTION
    dockerharden-test/busybox:1.0 (CMD sleep 3600), the same image tagged :latest, and
    dockerharden-test/busybox-health:1.0 which adds an image HEALTHCHECK. Returns Get-TestImage.
    #>
    [CmdletBinding()]
    param([switch] $Force)

    $have = (Test-ImageExists $script:ImageName) -and (Test-ImageExists $script:HealthImageName)
    if ($Force -or -not $have) {
        if (-not (Test-StaticBusybox)) {
            if (Test-AptHost) { Install-TestPackage -Package 'busybox-static' }
            if (-not (Test-StaticBusybox)) {
                throw 'The test image is built from a static /bin/busybox: install busybox-static.'
            }
        }
        $root = Join-Path ([IO.Path]::GetTempPath()) "dockerharden-image-$($script:RunId)"
        $tar = "$root.tar"
        try {
            New-Item -ItemType Directory -Force -Path "$root/bin", "$root/etc", "$root/tmp" | Out-Null
            Copy-Item /bin/busybox "$root/bin/busybox"
            foreach ($tool in 'sh', 'sleep', 'id', 'cat', 'ls', 'echo', 'true') {
                & ln -s busybox "$root/bin/$tool"
            }
            & chmod 1777 "$root/tmp"
            Set-Content -LiteralPath "$root/etc/passwd" -Value @(
                'root:x:0:0:root:/root:/bin/sh'
                'app:x:10001:10001:app:/tmp:/bin/sh') -Encoding ascii
            Set-Content -LiteralPath "$root/etc/group" -Value @('root:x:0:', 'app:x:10001:') -Encoding ascii
            & tar -C $root -cf $tar .
            if ($LASTEXITCODE -ne 0) { throw "tar of $root failed." }

            $null = Invoke-Docker -InputFile $tar -Arguments @('import',
                '--change', 'CMD ["sleep","3600"]',
                '--change', "LABEL $($script:TestLabel)",
                '-', $script:ImageName)
            $null = Invoke-Docker -InputFile $tar -Arguments @('import',
                '--change', 'CMD ["sleep","3600"]',
                '--change', "LABEL $($script:TestLabel)",
                '--change', 'HEALTHCHECK --interval=30s CMD ["true"]',
                '-', $script:HealthImageName)
            $hc = Invoke-Docker @('image', 'inspect', '--format', '{{json .Config.Healthcheck}}', $script:HealthImageName)
            if ("$hc" -notmatch 'true') {
                throw "docker import dropped the HEALTHCHECK of $($script:HealthImageName) (got $hc)."
            }
        }
        finally {
            Remove-Item -LiteralPath $root, $tar -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    $null = Invoke-Docker @('tag', $script:ImageName, $script:LatestImageName)
    Get-TestImage
}

function Get-TestContainerName {
    param([Parameter(Mandatory)][string] $Name)
    "dh-test-$($script:RunId)-$Name"
}

function New-TestNetwork {
    <# .SYNOPSIS Creates a labelled user-defined bridge network dh-test-<runid>-<Name>; returns its name. #>
    [CmdletBinding()]
    [OutputType([string])]
    param([Parameter(Mandatory)][string] $Name)
    $full = Get-TestContainerName $Name
    $null = Invoke-Docker @('network', 'create', '--label', $script:TestLabel,
        '--label', "$($script:RunLabelKey)=$($script:RunId)", $full)
    $full
}

function New-TestContainer {
    <#
    .SYNOPSIS
    docker create (and start with -Start) a labelled container dh-test-<runid>-<Name>; returns its name.
    .PARAMETER Arguments
    docker create options, placed before the image.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        [Parameter(Mandatory)][string] $Name,
        [string[]] $Arguments = @(),
        [string] $Image = $script:ImageName,
        [string[]] $Command = @(),
        [switch] $Start
    )
    $full = Get-TestContainerName $Name
    $createArgs = @('create', '--name', $full, '--label', $script:TestLabel,
        '--label', "$($script:RunLabelKey)=$($script:RunId)") + $Arguments + @($Image) + $Command
    $null = Invoke-Docker $createArgs
    if ($Start) {
        $null = Invoke-Docker @('start', $full)
    }
    $full
}

function Remove-TestContainers {
    <#
    .SYNOPSIS
    Removes the test containers and networks of this run (-AllRuns: every one with the test label).
    .DESCRIPTION
    Only objects labelled dockerharden.test=1 are touched. The default keeps to this run, so that two suites
    sharing an engine cannot remove each other's fixtures; -AllRuns sweeps leftovers of aborted runs.
    #>
    [CmdletBinding()]
    param([switch] $AllRuns)
    if (-not (Get-Command docker -CommandType Application -ErrorAction SilentlyContinue)) { return }
    $filter = @('--filter', "label=$($script:TestLabel)")
    if (-not $AllRuns) { $filter += @('--filter', "label=$($script:RunLabelKey)=$($script:RunId)") }
    $ids = @(& docker ps -aq @filter 2>$null | Where-Object { $_ })
    if ($ids.Count -gt 0) { $null = & docker rm -f -v @ids 2>&1 }
    $nets = @(& docker network ls -q @filter 2>$null | Where-Object { $_ })
    if ($nets.Count -gt 0) { $null = & docker network rm @nets 2>&1 }
}

function Get-HardenedArgument {
    <#
    .SYNOPSIS
    docker create options that pass every container rule this host allows (image pinned by tag separately).
    .DESCRIPTION
    syslog over UDP ships logs off the host and starts without a local syslog socket (a UDP send cannot
    fail at start). --storage-opt size is left out: overlay2 on ext4 rejects it (DH120 is NotApplicable).
    #>
    [CmdletBinding()]
    [OutputType([string[]])]
    param([Parameter(Mandatory)][string] $Network)
    @(
        '--user', '10001:10001'
        '--cap-drop', 'ALL'
        '--read-only', '--tmpfs', '/tmp'
        '--memory', '64m', '--memory-swap', '64m'
        '--cpus', '0.5'
        '--pids-limit', '50'
        '--security-opt', 'no-new-privileges'
        '--network', $Network
        '--health-cmd', 'true', '--health-interval', '30s'
        '--restart', 'on-failure:3'
        '--log-driver', 'syslog', '--log-opt', 'syslog-address=udp://127.0.0.1:514'
    )
}

function Get-TestEngineFact {
    <#
    .SYNOPSIS
    Facts about the engine that decide host-dependent expectations (user remap, storage quota, AppArmor,
    daemon-wide no-new-privileges).
    #>
    [CmdletBinding()]
    param()
    $info = (Invoke-Docker @('info', '--format', '{{json .}}')) -join "`n" | ConvertFrom-Json
    $endpoint = Get-TestEndpoint
    $local = $endpoint -like 'unix://*'
    $backing = @($info.DriverStatus | Where-Object { $_[0] -eq 'Backing Filesystem' } | ForEach-Object { $_[1] })
    $appArmor = $local -and (Test-Path /sys/module/apparmor/parameters/enabled) -and
        ((Get-Content /sys/module/apparmor/parameters/enabled -Raw).Trim() -eq 'Y')

    # daemon.json or the dockerd command line may make no-new-privileges the default (DH122 then passes).
    $nnp = $false
    if ($local) {
        if (Test-Path /etc/docker/daemon.json) {
            try {
                $cfg = Get-Content /etc/docker/daemon.json -Raw | ConvertFrom-Json
                if ($cfg.PSObject.Properties['no-new-privileges'] -and $cfg.'no-new-privileges') { $nnp = $true }
            }
            catch { Write-Warning "TestEngine: /etc/docker/daemon.json is not valid JSON: $_" }
        }
        foreach ($p in Get-ChildItem /proc -Directory -ErrorAction SilentlyContinue | Where-Object Name -match '^\d+$') {
            $cmd = try { [IO.File]::ReadAllText("/proc/$($p.Name)/cmdline") } catch { '' }
            if ($cmd -match '(^|/)dockerd\x00' -and $cmd -match '--no-new-privileges') { $nnp = $true }
        }
    }
    [pscustomobject]@{
        Endpoint = $endpoint
        IsLocal = $local
        ServerVersion = $info.ServerVersion
        StorageDriver = $info.Driver
        BackingFilesystem = ($backing | Select-Object -First 1)
        UsernsRemap = [bool](@($info.SecurityOptions) -match 'name=userns')
        AppArmor = [bool]$appArmor
        NoNewPrivilegesDefault = $nnp
    }
}

function New-ComposeProject {
    <# .SYNOPSIS A new folder under Root holding the given files (relative name = text); .NET calls, so [prod] is literal. #>
    param([Parameter(Mandatory)] [string] $Root, [Parameter(Mandatory)] [hashtable] $Files)
    $dir = Join-Path $Root ([Guid]::NewGuid().ToString('N').Substring(0, 8))
    $null = [IO.Directory]::CreateDirectory($dir)
    foreach ($name in $Files.Keys) {
        $file = Join-Path $dir $name
        $null = [IO.Directory]::CreateDirectory([IO.Path]::GetDirectoryName($file))
        [IO.File]::WriteAllText($file, $Files[$name])
    }
    $dir
}

Export-ModuleMember -Function Initialize-TestSuite, Remove-TestSuite, Get-ModuleUnderTest, New-ComposeProject, Get-PwshPath, Initialize-TestEngine, Initialize-TestImage, New-TestContainer, New-TestNetwork,
    Remove-TestContainers, Get-HardenedArgument, Get-TestRunId, Get-TestContainerName, Get-TestImage,
    Get-TestEngineFact, Invoke-Docker, Test-DockerServer
