# Several engines at once: the main engine plus a throwaway one that listens on TCP with TLS client
# certificates made here. The throwaway daemon runs in its own network namespace, so the audit runs inside it
# (nsenter); the main engine's unix socket is reachable from there too.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
param()

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'ThrowawayDaemon.psm1') -Force
    $modulePath = Initialize-DaemonSuite -TestRoot $PSScriptRoot
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $script:Pwsh = Get-PwshPath
    $image = (Initialize-TestImage).Pinned
    $script:MainEndpoint = Initialize-TestEngine
    $script:Main = New-TestContainer -Name 'many-main' -Arguments @($image)

    # A CA, a server certificate for 127.0.0.1 and a client certificate, as `docker` expects them in DOCKER_CERT_PATH.
    $script:Pki = Join-Path (Get-ThrowawayDirectory) 'pki'
    $client = New-Item -ItemType Directory -Force -Path (Join-Path $Pki 'client')
    $stranger = New-Item -ItemType Directory -Force -Path (Join-Path $Pki 'stranger')
    function Invoke-OpenSsl { & openssl @args 2>&1 | Out-Null; if ($LASTEXITCODE -ne 0) { throw "openssl $($args -join ' ') failed" } }
    Push-Location $Pki
    try {
        Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=dh-test-ca' -keyout ca-key.pem -out ca.pem
        Invoke-OpenSsl req -newkey rsa:2048 -nodes -subj '/CN=127.0.0.1' -keyout server-key.pem -out server.csr
        Set-Content server.ext "subjectAltName=IP:127.0.0.1`nextendedKeyUsage=serverAuth"
        Invoke-OpenSsl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext -out server.pem
        Invoke-OpenSsl req -newkey rsa:2048 -nodes -subj '/CN=dh-client' -keyout client/key.pem -out client.csr
        Set-Content client.ext 'extendedKeyUsage=clientAuth'
        Invoke-OpenSsl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext -out client/cert.pem
        Copy-Item ca.pem client/ca.pem
        # A client signed by another CA: the engine must refuse it.
        Invoke-OpenSsl req -x509 -newkey rsa:2048 -nodes -days 2 -subj '/CN=stranger' -keyout stranger/key.pem -out stranger/cert.pem
        Copy-Item ca.pem stranger/ca.pem
    }
    finally { Pop-Location }

    $script:Tls = New-ThrowawayDaemon -Name 'tls' -Config ([ordered]@{
            hosts = @("unix://$(Get-ThrowawayDirectory)/tls/docker.sock", 'tcp://127.0.0.1:2376')
            tls = $true; tlsverify = $true
            tlscacert = "$Pki/ca.pem"; tlscert = "$Pki/server.pem"; tlskey = "$Pki/server-key.pem"
            'no-new-privileges' = $true
        }) -Start
    Wait-ThrowawayDaemon $Tls
    # The throwaway engine gets the test image and one container of its own.
    & /bin/sh -c "docker save '$image' | docker -H '$($Tls.Endpoint)' load" | Out-Null
    & docker -H $Tls.Endpoint create --name dh-many-tls --label dockerharden.test=1 $image | Out-Null

    # Runs a script in the throwaway daemon's network namespace with the given TLS client folder.
    function Invoke-InDaemonNet([string] $Script, [string] $CertPath) {
        $env:DOCKER_TLS_VERIFY = '1'
        $env:DOCKER_CERT_PATH = $CertPath
        try {
            $output = & nsenter "--net=/proc/$($Tls.Pid)/ns/net" $Pwsh -NoProfile -NonInteractive -Command "Import-Module '$modulePath'; $Script" 2>&1
        }
        finally { Remove-Item Env:DOCKER_TLS_VERIFY, Env:DOCKER_CERT_PATH -ErrorAction SilentlyContinue }
        $json = $output | Where-Object { $_ -is [string] -and $_.TrimStart() -match '^[\[{]' } | Select-Object -Last 1
        if (-not $json) { throw "The audit in the daemon's namespace failed: $($output -join [Environment]::NewLine)" }
        $json | ConvertFrom-Json
    }
}

AfterAll {
    if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
    if (Get-Command Complete-DaemonSuite -ErrorAction SilentlyContinue) { Complete-DaemonSuite }
}

Describe 'Get-ContainerHardening over several engines, one of them TCP with TLS client certificates' {
    BeforeAll {
        $script:Result = Invoke-InDaemonNet -CertPath (Join-Path $Pki 'client') -Script @"
`$reports = Get-ContainerHardening -All -Name '$Main', 'dh-many-tls' -DockerHost '$MainEndpoint', 'tcp://127.0.0.1:2376' -ErrorVariable errs
[pscustomobject]@{ Reports = @(`$reports | Select-Object Name, DockerHost, Score); Errors = @(`$errs | ForEach-Object { `$_.FullyQualifiedErrorId }) } | ConvertTo-Json -Compress -Depth 4
"@
    }

    It 'audits both engines and names each report''s engine' {
        $Result.Errors | Should -BeNullOrEmpty
        ($Result.Reports | Where-Object Name -EQ $Main).DockerHost | Should -Be $MainEndpoint
        ($Result.Reports | Where-Object Name -EQ 'dh-many-tls').DockerHost | Should -Be 'tcp://127.0.0.1:2376'
        @($Result.Reports).Count | Should -Be 2
    }

    It 'reports the engine that refuses a client certificate from another CA, and still audits the other' {
        $r = Invoke-InDaemonNet -CertPath (Join-Path $Pki 'stranger') -Script @"
`$reports = Get-ContainerHardening -All -Name '$Main' -DockerHost '$MainEndpoint', 'tcp://127.0.0.1:2376' -ErrorVariable errs -ErrorAction SilentlyContinue
[pscustomobject]@{ Reports = @(`$reports | Select-Object Name, DockerHost); Errors = @(`$errs | ForEach-Object { [pscustomobject]@{ Id = `$_.FullyQualifiedErrorId; Message = `$_.Exception.Message } }) } | ConvertTo-Json -Compress -Depth 4
"@
        @($r.Reports).Count | Should -Be 1
        $r.Reports[0].DockerHost | Should -Be $MainEndpoint
        $unreachable = @($r.Errors | Where-Object Id -Like 'DockerDaemonUnreachable*')
        $unreachable.Count | Should -Be 1
        $unreachable[0].Message | Should -Match 'tcp://127\.0\.0\.1:2376'
    }
}

Describe 'Daemon defaults seen from the container audit' {
    It 'passes DH122 for a container of a daemon that sets no-new-privileges in its daemon.json (found by its "hosts")' {
        $report = Get-ContainerHardening -All -Name dh-many-tls -DockerHost $Tls.Endpoint
        $finding = $report.Findings | Where-Object RuleId -EQ DH122
        "$($finding.Status)" | Should -Be 'Pass'
        $finding.Evidence | Should -Match ([regex]::Escape($Tls.ConfigPath))
        # The main engine sets nothing: the same rule fails there.
        "$(((Get-ContainerHardening -All -Name $Main).Findings | Where-Object RuleId -EQ DH122).Status)" | Should -Be 'Fail'
    }
}

Describe 'Test-DaemonHardening over several engines' {
    It 'writes one report per engine, and DH002 does not fail for the TLS-verified TCP listener' {
        $r = Invoke-InDaemonNet -CertPath (Join-Path $Pki 'client') -Script @"
`$reports = Test-DaemonHardening -DockerHost '$MainEndpoint', 'tcp://127.0.0.1:2376'
@(`$reports | ForEach-Object { [pscustomobject]@{ Host = `$_.DockerHost; DH002 = [string](`$_.Findings | Where-Object RuleId -EQ DH002).Status; Evidence = (`$_.Findings | Where-Object RuleId -EQ DH002).Evidence } }) | ConvertTo-Json -Compress -AsArray
"@
        $r.Host | Should -Be @($MainEndpoint, 'tcp://127.0.0.1:2376')
        $tls = $r | Where-Object Host -EQ 'tcp://127.0.0.1:2376'
        # Seen from a client, a TLS listener cannot prove it verifies clients: never Fail, never guessed Pass.
        $tls.DH002 | Should -BeIn @('Pass', 'NotApplicable')
        $tls.Evidence | Should -Not -BeNullOrEmpty
    }

    It 'answers -Quiet with one boolean for all engines' {
        $r = Invoke-InDaemonNet -CertPath (Join-Path $Pki 'client') -Script @"
`$answer = Test-DaemonHardening -DockerHost '$MainEndpoint', 'tcp://127.0.0.1:2376' -Quiet -FailOn Critical
[pscustomobject]@{ Type = `$answer.GetType().Name; Count = @(`$answer).Count } | ConvertTo-Json -Compress
"@
        $r.Type | Should -Be 'Boolean'
        $r.Count | Should -Be 1
    }
}
