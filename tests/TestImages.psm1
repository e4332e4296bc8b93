# Test images that behave like the popular official images (issue 15), built from tests/images/<name>/ with
# `docker build` FROM the local busybox test image: nothing is pulled. A build is skipped when the image exists
# with the same content-hash label, so a second run costs one `docker image inspect` per image.

Set-StrictMode -Version 3.0
Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1')

$script:HashLabel = 'dockerharden.test.build-hash'
$script:ImagesRoot = Join-Path $PSScriptRoot 'images'

function Get-AppImageHash([string] $Directory) {
    # Every file of the build context, by relative name and content: a changed entrypoint rebuilds too.
    $sha = [Security.Cryptography.SHA256]::Create()
    try {
        $parts = foreach ($file in Get-ChildItem -LiteralPath $Directory -File -Recurse | Sort-Object FullName) {
            $rel = [IO.Path]::GetRelativePath($Directory, $file.FullName)
            $rel + ':' + [Convert]::ToHexString($sha.ComputeHash([IO.File]::ReadAllBytes($file.FullName)))
        }
        [Convert]::ToHexString($sha.ComputeHash([Text.Encoding]::UTF8.GetBytes(($parts -join "`n")))).Substring(0, 16).ToLowerInvariant()
    }
    finally { $sha.Dispose() }
}

function Get-AppTestImage {
    <#
    .SYNOPSIS
    Names of the application-like test images: Db (root entrypoint that chowns and drops to a user, VOLUME /data),
    Web (nginx-like: /var/cache, /var/run pid, port 80 as root), NonRoot (USER 10001, needs nothing), Memory
    (a 100 MB shell string in its first seconds).
    #>
    [pscustomobject]@{
        Db = 'dockerharden-test/app-db:1.0'
        Web = 'dockerharden-test/app-web:1.0'
        NonRoot = 'dockerharden-test/app-nonroot:1.0'
        Memory = 'dockerharden-test/app-memory:1.0'
    }
}

function Initialize-AppTestImage {
    <#
    .SYNOPSIS
    Builds the application-like test images (after Initialize-TestImage), skipping each one whose build-hash label
    matches its folder; returns Get-AppTestImage.
    #>
    [CmdletBinding()]
    param([switch] $Force)
    $null = Initialize-TestImage
    $names = Get-AppTestImage
    foreach ($property in $names.PSObject.Properties) {
        $image = $property.Value
        $dir = Join-Path $script:ImagesRoot (($image -split '/')[1] -replace ':.*$', '')
        $hash = Get-AppImageHash $dir
        $have = & docker image inspect --format "{{index .Config.Labels `"$($script:HashLabel)`"}}" $image 2>$null
        if (-not $Force -and $LASTEXITCODE -eq 0 -and "$have".Trim() -eq $hash) { continue }
        Write-Host "TestImages: building $image from $dir"
        # The classic builder: plain Dockerfiles need nothing else, and it behaves the same on every engine here.
        $env:DOCKER_BUILDKIT = '0'
        $null = Invoke-Docker @('build', '-q', '--label', 'dockerharden.test=1', '--label', "$($script:HashLabel)=$hash", '-t', $image, $dir)
    }
    $names
}

Export-ModuleMember -Function Initialize-AppTestImage, Get-AppTestImage
