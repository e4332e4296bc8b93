<#
.SYNOPSIS
    Benchmarks Get-ContainerHardening against raw `docker inspect` of the same containers.
.DESCRIPTION
    Creates -Count running containers labelled dockerharden.bench=<run id>, then prints in one run:
    the median of five warm in-process audits, the median of five raw `docker inspect` calls of the same
    containers, their ratio (goal: at most 1.5), and the whole-process time of a fresh pwsh that imports the
    module and audits. The containers are removed at the end, also on failure or Ctrl+C.
.EXAMPLE
    pwsh ./tools/Measure-Audit.ps1 -ModulePath ./out/DockerHarden/DockerHarden.psd1 -Count 50
#>
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', '', Justification = 'Script parameters are read by the functions of this script, which the rule does not follow.')]
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [ValidateRange(1, 1000)] [int] $Count = 50,
    [string] $Image = 'dockerharden-test/busybox:1.0',
    [ValidateRange(1, 50)] [int] $Repeat = 5,
    # The pwsh launcher for the whole-process measurement; build.ps1 passes its own.
    [string] $PwshPath = (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source
)
$ErrorActionPreference = 'Stop'
$run = [guid]::NewGuid().ToString('n').Substring(0, 8)
$label = "dockerharden.bench=$run"

function Get-Median([double[]] $Values) {
    $sorted = $Values | Sort-Object
    $mid = [math]::Floor($sorted.Count / 2)
    if ($sorted.Count % 2) { $sorted[$mid] } else { ($sorted[$mid - 1] + $sorted[$mid]) / 2 }
}

function Measure-Millisecond([scriptblock] $Block) { (Measure-Command $Block).TotalMilliseconds }

try {
    Write-Host "Creating $Count containers labelled $label ..."
    $ids = foreach ($i in 1..$Count) {
        $id = docker create --label $label --label dockerharden.test=1 --name "dh-bench-$run-$i" $Image sleep 3600
        if ($LASTEXITCODE -ne 0) { throw "docker create failed for container $i" }
        $id
    }
    docker start @ids | Out-Null
    if ($LASTEXITCODE -ne 0) { throw 'docker start failed' }

    Import-Module $ModulePath
    $warm = @(Get-ContainerHardening -Label $label)
    if ($warm.Count -ne $Count) { throw "The audit returned $($warm.Count) reports for $Count containers." }
    $audit = foreach ($i in 1..$Repeat) { Measure-Millisecond { Get-ContainerHardening -Label $label | Out-Null } }

    docker inspect @ids | Out-Null
    $inspect = foreach ($i in 1..$Repeat) { Measure-Millisecond { docker inspect @ids | Out-Null } }

    $process = Measure-Millisecond { & $PwshPath -NoProfile -NonInteractive -Command "Import-Module '$ModulePath'; Get-ContainerHardening -Label '$label' | Out-Null" }

    $auditMedian = Get-Median $audit
    $inspectMedian = Get-Median $inspect
    ''
    "Containers                               : $Count (running, $((Get-ContainerHardening -Label $label | Select-Object -First 1).Findings.Count) rules each)"
    'Warm in-process audit, median of {0}    : {1,8:N1} ms' -f $Repeat, $auditMedian
    'Raw docker inspect, median of {0}       : {1,8:N1} ms' -f $Repeat, $inspectMedian
    'Ratio audit / inspect                   : {0,8:N2} (goal <= 1.5)' -f ($auditMedian / $inspectMedian)
    'Whole process (pwsh, import, audit)     : {0,8:N1} ms' -f $process
}
finally {
    $left = docker ps -aq --filter "label=$label"
    if ($left) { docker rm -f @left | Out-Null }
}
