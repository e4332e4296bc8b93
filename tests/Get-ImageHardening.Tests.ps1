#Requires -Version 7.2
# Real-engine tests of Get-ImageHardening: small images built here FROM the static busybox test image (nothing is
# pulled), one breaking the image rules (root, secret-looking ENV, a setuid file, a download piped into sh, port 80)
# and one meeting them (USER, HEALTHCHECK, a setuid file removed again in a later layer).

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Justification = 'Test helpers.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $script:Suite = Initialize-TestSuite -Name 'image' -Engine
    $script:Secret = 'hunter2-' + [guid]::NewGuid().ToString('N')
    $script:Root = "dh-test-image/root:$($Suite.RunId)"
    $script:NonRoot = "dh-test-image/nonroot:$($Suite.RunId)"
    $base = $Suite.Images.Pinned
    $rootDir = Join-Path $Suite.Dir 'root'
    $nonRootDir = Join-Path $Suite.Dir 'nonroot'
    New-Item -ItemType Directory -Force -Path $rootDir, $nonRootDir | Out-Null
    Set-Content -LiteralPath (Join-Path $rootDir 'Dockerfile') -Value @(
        "FROM $base"
        "ENV DB_PASSWORD=$($script:Secret) APP_MODE=prod"
        'RUN /bin/busybox cp /bin/busybox /bin/helper && /bin/busybox chmod 4755 /bin/helper'
        'RUN wget -qO- http://127.0.0.1:9/install.sh | sh || true'
        'EXPOSE 80')
    Set-Content -LiteralPath (Join-Path $nonRootDir 'Dockerfile') -Value @(
        "FROM $base"
        'RUN /bin/busybox cp /bin/busybox /bin/gone && /bin/busybox chmod 4755 /bin/gone'
        'RUN /bin/busybox rm /bin/gone'
        'EXPOSE 8080'
        'HEALTHCHECK --interval=30s CMD ["true"]'
        'USER 10001:10001')
    $env:DOCKER_BUILDKIT = '0'
    $null = Invoke-Docker @('build', '-q', '--label', 'dockerharden.test=1', '-t', $script:Root, $rootDir)
    $null = Invoke-Docker @('build', '-q', '--label', 'dockerharden.test=1', '-t', $script:NonRoot, $nonRootDir)
    $script:Reports = Get-ImageHardening -Name $script:Root, $script:NonRoot
    function Get-Finding($Report, $Rule) { $Report.Findings | Where-Object RuleId -eq $Rule }
}

AfterAll {
    & docker image rm -f $script:Root $script:NonRoot 2>$null | Out-Null
    Remove-TestSuite $script:Suite
}

Describe 'Get-ImageHardening' {
    It 'fails the root image on USER, HEALTHCHECK, secrets, pipe-to-shell, setuid and port 80' {
        $r = $script:Reports | Where-Object Name -eq $script:Root
        foreach ($rule in 'DH301', 'DH302', 'DH303', 'DH304', 'DH306', 'DH309') { (Get-Finding $r $rule).Status | Should -Be 'Fail' -Because $rule }
        (Get-Finding $r 'DH303').Evidence | Should -Match 'DB_PASSWORD'
        (Get-Finding $r 'DH306').Evidence | Should -Match '/bin/helper \(setuid, 4755\)'
        (Get-Finding $r 'DH304').Evidence | Should -Match 'wget .*\| sh'
    }

    It 'passes the non-root image, and a setuid file removed in a later layer does not count' {
        $r = $script:Reports | Where-Object Name -eq $script:NonRoot
        foreach ($rule in 'DH301', 'DH302', 'DH303', 'DH304', 'DH306', 'DH307', 'DH309') { (Get-Finding $r $rule).Status | Should -Be 'Pass' -Because $rule }
        $r.LayersScanned | Should -BeTrue
    }

    It 'never prints the secret value, in objects or exports' {
        $out = Join-Path $script:Suite.Dir 'images.json'
        $script:Reports | Export-HardeningReport -Format Json -Path $out | Out-Null
        $text = (Get-Content -Raw $out) + ($script:Reports | Format-List * | Out-String) + ($script:Reports.Findings | Format-List * | Out-String)
        $text | Should -Not -Match ([regex]::Escape($script:Secret))
    }

    It 'reads docker images --format json rows and container reports from the pipeline' {
        $rows = docker images --format json | ConvertFrom-Json | Where-Object { "$($_.Repository):$($_.Tag)" -eq $script:NonRoot }
        ($rows | Get-ImageHardening -SkipLayerScan).Name | Should -Be $script:NonRoot
        $fake = [pscustomobject]@{ Name = 'some-container'; Image = $script:Root }
        ($fake | Get-ImageHardening -SkipLayerScan).Name | Should -Be $script:Root
    }

    It 'reports a missing image as ImageNotFound and goes on' {
        $got = Get-ImageHardening -Name 'dh-test-image/missing:1', $script:NonRoot -SkipLayerScan -ErrorVariable errs -ErrorAction SilentlyContinue
        $got.Name | Should -Be $script:NonRoot
        $errs.FullyQualifiedErrorId | Should -Contain 'ImageNotFound,DockerHarden.Commands.GetImageHardeningCommand'
    }

    It 'skips a foreign object piped in with PipelineInputWithoutImage, never asking the engine for its string form' {
        # Found by hand: [pscustomobject]@{ Foo = 1 } bound to -Name as '@{Foo=1}' and came back as the engine's raw 400.
        $got = @([pscustomobject]@{ Foo = 1 }, [pscustomobject]@{ Image = $script:NonRoot } | Get-ImageHardening -SkipLayerScan -ErrorVariable errs -ErrorAction SilentlyContinue)
        $got.Name | Should -Be $script:NonRoot
        $errs.FullyQualifiedErrorId | Should -Be 'PipelineInputWithoutImage,DockerHarden.Commands.GetImageHardeningCommand'
        "$errs" | Should -Not -Match 'BadRequest|status code'
    }

    It 'refuses a -Name that is not an image reference with InvalidImageReference and audits the others' {
        $got = @(Get-ImageHardening -Name 'not a reference', $script:NonRoot -SkipLayerScan -ErrorVariable errs -ErrorAction SilentlyContinue)
        $got.Name | Should -Be $script:NonRoot
        $errs.FullyQualifiedErrorId | Should -Be 'InvalidImageReference,DockerHarden.Commands.GetImageHardeningCommand'
        "$errs" | Should -Match "'not a reference'"
    }

    It 'leaves DH306 NotApplicable with -SkipLayerScan' {
        $r = Get-ImageHardening -Name $script:Root -SkipLayerScan
        $r.LayersScanned | Should -BeFalse
        (Get-Finding $r 'DH306').Status | Should -Be 'NotApplicable'
    }

    It 'lists the image rules in Get-HardeningRule -View Image' {
        (Get-HardeningRule -View Image).Id | Should -Be @('DH301', 'DH302', 'DH303', 'DH304', 'DH305', 'DH306', 'DH307', 'DH308', 'DH309')
    }
}
