<#
.SYNOPSIS
    Benchmarks Get-ServiceHardening against the raw docker service inspect of the same services.
.DESCRIPTION
    Starts a throwaway dockerd in its own network namespace (tests/ThrowawayDaemon.psm1; never the shared engine,
    which swarm init would change), makes it a one-node swarm, loads the busybox test image into it and creates
    -Count services (0 replicas: the spec is what is audited; each publishes a port, joins one overlay, adds a
    capability and carries a credential-like variable). Then prints the median of -Repeat warm runs of
    Get-ServiceHardening (every service, every container rule) beside `docker service ls -q` + `docker service
    inspect` of all of them. Goal: at most the raw CLI's time, as for containers. The daemon is removed afterwards.
.EXAMPLE
    pwsh ./tools/Measure-Service.ps1 -ModulePath ./out/DockerHarden/DockerHarden.psd1 -Count 100
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateRange(1, 1000)] [int] $Count = 100,
    [ValidateRange(1, 20)] [int] $Repeat = 5,
    [string] $Image = 'dockerharden-test/busybox:1.0'
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/ThrowawayDaemon.psm1') -Force
Import-Module $ModulePath -Force
if (Test-ThrowawayDaemonSupport) {
    Write-Host "Service benchmark skipped: $(Test-ThrowawayDaemonSupport)."
    return
}

function Measure-Median([scriptblock] $Work, [int] $Times) {
    $runs = @(1..$Times | ForEach-Object { (Measure-Command $Work).TotalMilliseconds } | Sort-Object)
    [pscustomobject]@{ Median = $runs[[int][Math]::Floor($runs.Count / 2)]; Runs = ($runs | ForEach-Object { '{0:0}' -f $_ }) -join ', ' }
}

$daemon = New-ThrowawayDaemon -Name bench -Start
try {
    Wait-ThrowawayDaemon $daemon
    $ep = $daemon.Endpoint
    $null = & docker -H $ep swarm init --advertise-addr 127.0.0.1 2>&1
    & docker save $Image | & docker -H $ep load | Out-Null
    $null = & docker -H $ep network create -d overlay benchnet
    1..$Count | ForEach-Object -ThrottleLimit 8 -Parallel {
        $null = & docker -H $using:ep service create -d --name "svc$_" --replicas 0 -p "$(20000 + $_):80" --network benchnet `
            --env 'API_TOKEN=x' --cap-add NET_ADMIN $using:Image 2>&1
    }
    $listed = @(& docker -H $ep service ls -q).Count
    if ($listed -ne $Count) { throw "created $listed of $Count services" }

    # Warm both sides once: the module's first call loads the adapter, the CLI's first call reads its config.
    $null = Get-ServiceHardening -DockerHost $ep
    $null = & docker -H $ep service inspect (& docker -H $ep service ls -q)
    $module = Measure-Median { $null = Get-ServiceHardening -DockerHost $ep } $Repeat
    $raw = Measure-Median { $null = & docker -H $ep service inspect (& docker -H $ep service ls -q) } $Repeat
    Write-Host ('Get-ServiceHardening, {0} services, every container rule: median {1:0} ms [{2}]' -f $Count, $module.Median, $module.Runs)
    Write-Host ('docker service ls -q + service inspect, {0} services:     median {1:0} ms [{2}]' -f $Count, $raw.Median, $raw.Runs)
}
finally {
    Remove-AllThrowawayDaemons
}
