#Requires -Version 7.2
# Real-engine tests of New-HardenedContainer: a container made from an image passes the audit and is confined
# inside; -Port publishes on loopback from its own network; twins and -Replace keep the application and restore
# the original when the twin fails; -WhatIf and every error path leave nothing behind.
# The module under test comes from $env:DOCKERHARDEN_MODULE, else out/DockerHarden/DockerHarden.psd1.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
param()

Describe 'New-HardenedContainer on a real engine' -Tag 'Docker', 'Integration' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
        $modulePath = Get-ModuleUnderTest
        Import-Module $modulePath -Force

        $null = Initialize-TestEngine
        $Images = Initialize-TestImage
        $RunId = Get-TestRunId
        # Every object the cmdlet creates carries these labels (networks too), so clean-up removes only ours.
        $Labels = @{ 'dockerharden.test' = '1'; 'dockerharden.run' = $RunId }
        # Exits at once on SIGTERM, so stopping an original does not wait for the kill timeout.
        $Serve = @('sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done')
        $ScratchDir = Join-Path ([IO.Path]::GetTempPath()) "dh-test-$RunId-hc"
        New-Item -ItemType Directory -Force -Path $ScratchDir | Out-Null
        # Made with exactly -Image, -Name, -Command and -Start, so it has no run label: removed by name.
        $Unlabelled = [System.Collections.Generic.List[string]]::new()

        function Get-FreePort {
            $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
            $listener.Start()
            try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
        }
        function Get-Inspect([string] $Name) {
            (Invoke-Docker @('inspect', $Name)) -join "`n" | ConvertFrom-Json | Select-Object -First 1
        }
        function Test-Container([string] $Name) {
            @(Invoke-Docker @('ps', '-a', '--filter', "name=^/$Name$", '--format', '{{.Names}}')) -contains $Name
        }
        function Test-Network([string] $Name) {
            @(Invoke-Docker @('network', 'ls', '--filter', "name=^$Name$", '--format', '{{.Name}}')) -contains $Name
        }
        function Get-RunObjectCount {
            $filter = "label=dockerharden.run=$RunId"
            [pscustomobject]@{
                Containers = @(Invoke-Docker @('ps', '-aq', '--filter', $filter) | Where-Object { $_ }).Count
                Networks = @(Invoke-Docker @('network', 'ls', '-q', '--filter', $filter) | Where-Object { $_ }).Count
            }
        }
        function Get-Failing($Report) { @($Report.Findings | Where-Object Status -EQ 'Fail') }
        function Format-Finding($Findings) { ($Findings | ForEach-Object { "$($_.RuleId) $($_.Status): $($_.Evidence)" }) -join '; ' }
    }

    AfterAll {
        foreach ($name in $Unlabelled) {
            $null = & docker rm -f $name 2>&1
            $null = & docker network rm "$name-net" 2>&1
        }
        if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
        # Named volumes outlive their containers (that is what -RemoveOriginal promises): remove ours by name.
        foreach ($volume in "dh-test-$RunId-vol", "dh-test-$RunId-keep") { $null = & docker volume rm $volume 2>&1 }
        if ($ScratchDir) { Remove-Item -LiteralPath $ScratchDir -Recurse -Force -ErrorAction SilentlyContinue }
    }

    Context 'a container made with only -Image, -Name, -Command and -Start' {
        BeforeAll {
            $Name = Get-TestContainerName 'plain'
            $Unlabelled.Add($Name)
            $Made = New-HardenedContainer -Image $Images.Healthcheck -Name $Name -Command sleep, 3600 -Start -WarningVariable MadeWarnings
            $Inspect = Get-Inspect $Name
            $Report = $Made | Get-ContainerHardening
            function Invoke-Inside([string] $Script) {
                $out = & docker exec $Name sh -c $Script 2>&1
                [pscustomobject]@{ Code = $LASTEXITCODE; Text = ($out -join "`n").Trim() }
            }
        }

        It 'returns a started HardenedContainer that names the real container' {
            $Made | Should -BeOfType 'DockerHarden.Models.HardenedContainer'
            $Made.Started | Should -BeTrue
            $Made.ContainerId | Should -Be $Inspect.Id
            $Made.Name | Should -Be $Name
            $Made.Networks | Should -Be @("$Name-net")
            $Inspect.State.Running | Should -BeTrue
            @($MadeWarnings) | Should -HaveCount 0
        }

        It 'passes the audit: no Fail, and DH109 passes thanks to the dedicated network' {
            $Report | Should -HaveCount 1
            Get-Failing $Report | Should -HaveCount 0 -Because (Format-Finding (Get-Failing $Report))
            "$(($Report.Findings | Where-Object RuleId -EQ 'DH109').Status)" | Should -Be 'Pass'
            $Inspect.HostConfig.NetworkMode | Should -Be "$Name-net"
            @($Inspect.NetworkSettings.Networks.PSObject.Properties.Name) | Should -Be @("$Name-net")
        }

        It 'runs as a non-root user' {
            $r = Invoke-Inside 'id -u'
            $r.Code | Should -Be 0
            $r.Text | Should -Not -Be '0'
            $r.Text | Should -Be '10001'
        }

        It 'has no effective capability and no-new-privileges' {
            $status = (Invoke-Inside 'cat /proc/self/status').Text
            $status | Should -Match '(?m)^CapEff:\s+0000000000000000$'
            $status | Should -Match '(?m)^NoNewPrivs:\s+1$'
        }

        It 'cannot write to / but can write to the /tmp tmpfs' {
            (Invoke-Inside 'echo x > /probe').Code | Should -Not -Be 0
            (Invoke-Inside 'echo x > /tmp/probe && cat /tmp/probe').Text | Should -Be 'x'
            $Inspect.HostConfig.ReadonlyRootfs | Should -BeTrue
            $Inspect.HostConfig.Tmpfs.'/tmp' | Should -Be 'rw,noexec,nosuid,size=64m'
        }

        It 'has its memory cgroup limited to 256 MiB (cgroup v1 or v2, whichever the host has)' {
            $limit = (Invoke-Inside 'cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes').Text
            $limit | Should -Be '268435456'
            $Inspect.HostConfig.MemorySwap | Should -Be $Inspect.HostConfig.Memory
            $Inspect.HostConfig.NanoCpus | Should -Be 1000000000
            $Inspect.HostConfig.PidsLimit | Should -Be 100
        }

        It 'sits on a labelled, internal network of its own' {
            $net = (Invoke-Docker @('network', 'inspect', "$Name-net")) -join "`n" | ConvertFrom-Json
            $net.Internal | Should -BeTrue
            $net.Labels.'dockerharden.managed' | Should -Be '1'
            $net.Labels.'dockerharden.container' | Should -Be $Name
            @($net.Containers.PSObject.Properties.Value.Name) | Should -Be @($Name)
        }

        It 'reports a pasteable docker run line with the hardened flags' {
            $Made.DockerRunCommand | Should -Match "^docker run -d --name $([regex]::Escape($Name)) --user 10001:10001 --cap-drop ALL --read-only"
            $Made.DockerRunCommand | Should -Match '--security-opt no-new-privileges:true'
            $Made.DockerRunCommand | Should -Match "--network $([regex]::Escape($Name))-net"
            $Made.DockerNetworkCommand | Should -Match "^docker network create --internal .*$([regex]::Escape($Name))-net$"
        }
    }

    Context '-Port' {
        BeforeAll {
            $Port = Get-FreePort
            $Name = Get-TestContainerName 'port'
            $Made = New-HardenedContainer -Image $Images.Healthcheck -Name $Name -Command sleep, 3600 -Port "$($Port):80" -Start -Label $Labels
            $Inspect = Get-Inspect $Name
        }

        It 'puts the container on its own network, not the default bridge' {
            $Inspect.HostConfig.NetworkMode | Should -Be "$Name-net"
            @($Inspect.NetworkSettings.Networks.PSObject.Properties.Name) | Should -Not -Contain 'bridge'
            ((Invoke-Docker @('network', 'inspect', '--format', '{{.Internal}}', "$Name-net")) -join '').Trim() | Should -Be 'false'
        }

        It 'binds the published port to 127.0.0.1' {
            $binding = $Inspect.HostConfig.PortBindings.'80/tcp'
            $binding.HostIp | Should -Be '127.0.0.1'
            $binding.HostPort | Should -Be "$Port"
            (Invoke-Docker @('port', $Name, '80/tcp')) | Should -Be "127.0.0.1:$Port"
        }

        It 'fails with PortInUse naming the port when the host port is taken, and leaves nothing behind' {
            $second = Get-TestContainerName 'port-taken'
            $errs = $null
            $out = New-HardenedContainer -Image $Images.Healthcheck -Name $second -Command sleep, 3600 -Port "$($Port):80" -Start `
                -Label $Labels -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PortInUse,*'
            "$($errs[0].CategoryInfo.Category)" | Should -Be 'ResourceUnavailable'
            $errs[0].Exception.Message | Should -Match "127\.0\.0\.1:$Port"
            Test-Container $second | Should -BeFalse
            Test-Network "$second-net" | Should -BeFalse
            (Get-Inspect $Name).State.Running | Should -BeTrue -Because 'the container holding the port is untouched'
        }
    }

    Context 'environment values' {
        It 'passes values to the container but never into the output' {
            $name = Get-TestContainerName 'env'
            $secret = "s3cr3t-$RunId"
            $made = New-HardenedContainer -Image $Images.Healthcheck -Name $name -Command sleep, 3600 -Start -Label $Labels `
                -Environment @{ API_TOKEN = $secret; APP_MODE = 'production' } -WarningVariable warnings 3>$null
            ((Invoke-Docker @('exec', $name, 'sh', '-c', 'echo $API_TOKEN')) -join '').Trim() | Should -Be $secret
            $made | ConvertTo-Json -Depth 6 | Should -Not -Match ([regex]::Escape($secret))
            $made.DockerRunCommand | Should -Match '-e API_TOKEN( |$)'
            $made.Settings.EnvironmentNames | Should -Contain 'API_TOKEN'
            ($warnings -join "`n") | Should -Match 'DH130'
            ($warnings -join "`n") | Should -Not -Match ([regex]::Escape($secret))
        }
    }

    Context 'a hardened twin of an audited container' {
        BeforeAll {
            $Port = Get-FreePort
            $Weak = New-TestContainer -Name 'weak' -Image $Images.Healthcheck -Command $Serve -Start -Arguments @(
                '-p', "$($Port):80", '-v', '/etc:/host-etc:ro', '-v', "$($ScratchDir):/data", '-v', "dh-test-$RunId-vol:/var/lib/app",
                '-e', "DB_PASSWORD=pw-$RunId", '-w', '/tmp', '--cap-add', 'SYS_ADMIN', '--cap-add', 'NET_BIND_SERVICE',
                '--label', 'dockerharden.group=twin', '--restart', 'always')
            $Twin = Get-ContainerHardening -Name $Weak | New-HardenedContainer -Label $Labels -WarningAction SilentlyContinue
            $Inspect = Get-Inspect $Twin.Name
        }

        It 'binds ContainerId from the audit report and names the twin ORIGINAL-hardened' {
            $Twin.Name | Should -Be "$Weak-hardened"
            $Twin.Started | Should -BeFalse
            $Inspect.State.Status | Should -Be 'created'
        }

        It 'keeps image, command, working dir, environment, labels, ports and non-sensitive volumes' {
            $original = Get-Inspect $Weak
            $Inspect.Config.Image | Should -Be $original.Config.Image
            $Inspect.Config.Cmd | Should -Be $original.Config.Cmd
            $Inspect.Config.WorkingDir | Should -Be '/tmp'
            $Inspect.Config.Env | Should -Contain "DB_PASSWORD=pw-$RunId"
            $Inspect.Config.Labels.'dockerharden.group' | Should -Be 'twin'
            $Inspect.HostConfig.PortBindings.'80/tcp'.HostPort | Should -Be "$Port"
            $Inspect.HostConfig.PortBindings.'80/tcp'.HostIp | Should -Be '127.0.0.1'
            $destinations = @($Inspect.Mounts.Destination)
            $destinations | Should -Contain '/data'
            $destinations | Should -Contain '/var/lib/app'
            ($Inspect.Mounts | Where-Object Destination -EQ '/var/lib/app').Name | Should -Be "dh-test-$RunId-vol"
        }

        It 'drops the sensitive mount and capability and lists them' {
            @($Inspect.Mounts.Destination) | Should -Not -Contain '/host-etc'
            $Inspect.HostConfig.CapAdd | Should -Be @('NET_BIND_SERVICE')
            $Inspect.HostConfig.CapDrop | Should -Be @('ALL')
            ($Twin.Dropped -join "`n") | Should -Match '/etc -> /host-etc'
            ($Twin.Dropped -join "`n") | Should -Match 'SYS_ADMIN'
            ($Twin.Changes -join "`n") | Should -Match 'port 80/tcp'
            ($Twin.Changes -join "`n") | Should -Match 'restart policy: always'
            $Twin | ConvertTo-Json -Depth 6 | Should -Not -Match "pw-$RunId"
        }

        It 'keeps a sensitive mount with -KeepMount' {
            $kept = Get-ContainerHardening -Name $Weak | New-HardenedContainer -Name (Get-TestContainerName 'weak-kept') `
                -KeepMount /host-etc -Label $Labels -WarningVariable w -WarningAction SilentlyContinue
            @((Get-Inspect $kept.Name).Mounts.Destination) | Should -Contain '/host-etc'
            ($w -join "`n") | Should -Match 'DH105'
        }
    }

    Context '-Replace' {
        It 'swaps the twin in under the original name and keeps the original' {
            $port = Get-FreePort
            $name = New-TestContainer -Name 'swap' -Image $Images.Healthcheck -Command $Serve -Start -Arguments @('-p', "$($port):80")
            $originalId = (Get-Inspect $name).Id
            $made = Get-ContainerHardening -Name $name | New-HardenedContainer -Replace -Label $Labels
            $made.Name | Should -Be $name
            $made.Started | Should -BeTrue
            $made.OriginalName | Should -Be "$name-original"
            $now = Get-Inspect $name
            $now.Id | Should -Be $made.ContainerId
            $now.Id | Should -Not -Be $originalId
            $now.State.Running | Should -BeTrue
            $now.HostConfig.ReadonlyRootfs | Should -BeTrue
            (Invoke-Docker @('port', $name, '80/tcp')) | Should -Be "127.0.0.1:$port"
            $kept = Get-Inspect "$name-original"
            $kept.Id | Should -Be $originalId
            $kept.State.Running | Should -BeFalse
            $report = Get-ContainerHardening -Name $name
            Get-Failing $report | Should -HaveCount 0 -Because (Format-Finding (Get-Failing $report))
        }

        It 'removes the original with -RemoveOriginal but keeps its named volume' {
            $volume = "dh-test-$RunId-keep"
            $name = New-TestContainer -Name 'swap-rm' -Image $Images.Healthcheck -Command $Serve -Start -Arguments @('-v', "$($volume):/var/lib/app")
            $made = Get-ContainerHardening -Name $name | New-HardenedContainer -Replace -RemoveOriginal -Label $Labels
            $made.OriginalName | Should -BeNullOrEmpty
            Test-Container "$name-original" | Should -BeFalse
            ((Invoke-Docker @('volume', 'ls', '-q', '--filter', "name=^$volume$")) -join '') | Should -Be $volume
            ((Get-Inspect $name).Mounts | Where-Object Destination -EQ '/var/lib/app').Name | Should -Be $volume
        }

        It 'restores the original under its name, running, when the twin exits at once' {
            $name = New-TestContainer -Name 'swap-fail' -Image $Images.Healthcheck -Command $Serve -Start
            $originalId = (Get-Inspect $name).Id
            $errs = $null
            $out = Get-ContainerHardening -Name $name | New-HardenedContainer -Replace -Command sh, -c, 'exit 3' -Label $Labels `
                -ErrorVariable errs -ErrorAction SilentlyContinue
            $out | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'TwinExited,*'
            $errs[0].Exception.Message | Should -Match "back as '$([regex]::Escape($name))' and running"
            $now = Get-Inspect $name
            $now.Id | Should -Be $originalId
            $now.State.Running | Should -BeTrue
            Test-Container "$name-original" | Should -BeFalse
            @(Invoke-Docker @('ps', '-a', '--filter', "name=^/$name-twin-", '-q') | Where-Object { $_ }) | Should -HaveCount 0
            Test-Network "$name-net" | Should -BeFalse
        }

        It 'undoes the swap before a stop returns (Ctrl+C in the stay-up window)' {
            $name = New-TestContainer -Name 'swap-stop' -Image $Images.Healthcheck -Command $Serve -Start
            $originalId = (Get-Inspect $name).Id
            $ps = [powershell]::Create()
            try {
                [void]$ps.AddScript("Import-Module '$modulePath'").Invoke()
                $ps.Commands.Clear()
                [void]$ps.AddScript('param($n, $l) New-HardenedContainer -ContainerId $n -Replace -Label $l').AddArgument($name).AddArgument($Labels)
                $null = $ps.BeginInvoke()
                # The stay-up window has begun once the original is parked and the twin holds the name.
                $deadline = [DateTime]::UtcNow.AddSeconds(60)
                while ([DateTime]::UtcNow -lt $deadline -and -not (Test-Container "$name-original")) { Start-Sleep -Milliseconds 100 }
                Test-Container "$name-original" | Should -BeTrue
                Start-Sleep -Milliseconds 800
                $ps.Stop()
                # At once after the stop returns (the host could exit now): the original is back, running, under its name.
                $now = Get-Inspect $name
                $now.Id | Should -Be $originalId
                $now.State.Running | Should -BeTrue
                Test-Container "$name-original" | Should -BeFalse
                @(Invoke-Docker @('ps', '-a', '--filter', "name=^/$name-twin-", '-q') | Where-Object { $_ }) | Should -HaveCount 0
            }
            finally {
                $ps.Dispose()
            }
        }

        It 'refuses a second -Replace of the same container while one runs, leaving one twin and one network' {
            $name = New-TestContainer -Name 'swap-race' -Image $Images.Healthcheck -Command $Serve -Start
            $originalId = (Get-Inspect $name).Id
            $runs = foreach ($i in 1..2) {
                $ps = [powershell]::Create()
                [void]$ps.AddScript("Import-Module '$modulePath'").Invoke()
                $ps.Commands.Clear()
                [void]$ps.AddScript('param($n, $l) New-HardenedContainer -ContainerId $n -Replace -Label $l -ErrorAction SilentlyContinue -ErrorVariable e; [pscustomobject]@{ Errors = @($e) }').AddArgument($name).AddArgument($Labels)
                $ps
            }
            try {
                $handles = foreach ($ps in $runs) { $ps.BeginInvoke() }
                $results = for ($i = 0; $i -lt 2; $i++) { , @($runs[$i].EndInvoke($handles[$i])) }
                $made = @($results | ForEach-Object { $_ } | Where-Object { $_ -and $_.PSObject.Properties['ContainerId'] })
                $errors = @($results | ForEach-Object { $_ } | Where-Object { $_ -and $_.PSObject.Properties['Errors'] } | ForEach-Object { $_.Errors } | Where-Object { $_ })
                $made | Should -HaveCount 1
                $errors | Should -HaveCount 1
                $errors[0].FullyQualifiedErrorId | Should -BeLike 'ReplaceInProgress,*'
                $errors[0].Exception.Message | Should -Match "Another New-HardenedContainer -Replace is running on '$([regex]::Escape($name))'"
                $now = Get-Inspect $name
                $now.Id | Should -Be $made[0].ContainerId
                $now.Id | Should -Not -Be $originalId
                $now.State.Running | Should -BeTrue
                @(Invoke-Docker @('network', 'ls', '--filter', "name=^$name-net", '--format', '{{.Name}}') | Where-Object { $_ }) | Should -Be @("$name-net")
                @(Invoke-Docker @('ps', '-a', '--filter', "name=^/$name-twin-", '-q') | Where-Object { $_ }) | Should -HaveCount 0
                Test-Container "dockerharden-replace-$($originalId.Substring(0, 12))" | Should -BeFalse
            }
            finally {
                $runs | ForEach-Object { $_.Dispose() }
            }
        }
    }

    Context 'a claim left behind by a killed -Replace' {
        BeforeAll {
            # A claim marker made by hand, as a run killed between its claim and its finally would leave it.
            function Register-Claim([string] $OriginalId, [string] $ClaimPid, [string] $ClaimHost) {
                $claimName = "dockerharden-replace-$($OriginalId.Substring(0, 12))"
                $null = Invoke-Docker @('create', '--name', $claimName, '--label', 'dockerharden.test=1', '--label', "dockerharden.run=$RunId",
                    '--label', 'dockerharden.managed=replace-claim', '--label', "dockerharden.replace.of=$OriginalId",
                    '--label', "dockerharden.replace.pid=$ClaimPid", '--label', "dockerharden.replace.host=$ClaimHost",
                    '--entrypoint', 'dockerharden-replace-claim', $Images.Healthcheck)
                $claimName
            }
            function Get-EndedPid {
                $process = Start-Process -FilePath 'sh' -ArgumentList '-c', 'exit 0' -PassThru
                $process.WaitForExit()
                $process.Id
            }
        }

        It 'clears a claim whose process on this host has ended, says so, and replaces' {
            $name = New-TestContainer -Name 'stale-claim' -Image $Images.Healthcheck -Command $Serve -Start
            $originalId = (Get-Inspect $name).Id
            $claimName = Register-Claim $originalId (Get-EndedPid) ([Environment]::MachineName)
            $result = New-HardenedContainer -ContainerId $name -Replace -Label $Labels -Verbose 4>&1 -ErrorVariable e
            $e | Should -BeNullOrEmpty
            $made = @($result | Where-Object { $_.PSObject.Properties['ContainerId'] })
            $made | Should -HaveCount 1
            (Get-Inspect $name).Id | Should -Be $made[0].ContainerId
            Test-Container $claimName | Should -BeFalse
            $said = @($result | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "Removing the stale claim '$claimName': process \d+ on .+ is no longer running" })
            $said | Should -HaveCount 1
        }

        It 'keeps a claim whose process still runs, and refuses: <Case>' -ForEach @(
            @{ Case = 'this process, on this host'; ClaimHost = 'here' }
            @{ Case = 'a process on another host'; ClaimHost = 'elsewhere-host-dh' }
        ) {
            $name = New-TestContainer -Name "live-claim-$($ClaimHost.Length)" -Image $Images.Healthcheck -Command $Serve -Start
            $originalId = (Get-Inspect $name).Id
            # This process holds a claim made here; on another host even an ended pid proves nothing.
            $holder = if ($ClaimHost -eq 'here') { @{ Pid = "$PID"; Host = [Environment]::MachineName } } else { @{ Pid = "$(Get-EndedPid)"; Host = $ClaimHost } }
            $claimName = Register-Claim $originalId $holder.Pid $holder.Host
            $before = Get-RunObjectCount
            $made = New-HardenedContainer -ContainerId $name -Replace -Label $Labels -ErrorAction SilentlyContinue -ErrorVariable e
            $made | Should -BeNullOrEmpty
            @($e) | Should -HaveCount 1
            $e[0].FullyQualifiedErrorId | Should -BeLike 'ReplaceInProgress,*'
            $e[0].Exception.Message | Should -Match ([regex]::Escape("docker rm $claimName"))
            Test-Container $claimName | Should -BeTrue
            (Get-Inspect $name).Id | Should -Be $originalId
            (Get-Inspect $name).State.Running | Should -BeTrue
            (Get-RunObjectCount).Containers | Should -Be $before.Containers
        }

        It 'is not audited as a workload by -All or a wildcard, only when named exactly' {
            $name = New-TestContainer -Name 'claim-audit' -Image $Images.Healthcheck -Command $Serve -Start
            $claimName = Register-Claim (Get-Inspect $name).Id "$PID" ([Environment]::MachineName)
            @(Get-ContainerHardening -All | Where-Object Name -EQ $claimName) | Should -HaveCount 0
            @(Get-ContainerHardening -Name 'dockerharden-replace-*' -All | Where-Object Name -EQ $claimName) | Should -HaveCount 0
            @(Get-ContainerHardening -Name $claimName) | Should -HaveCount 1
            @(Get-ContainerHardening -All | Where-Object Name -EQ $name) | Should -HaveCount 1
        }
    }

    Context 'pipelines never widen -Replace' {
        It 'refuses to replace more than one piped container without -Force, and replaces none' {
            $a = New-TestContainer -Name 'many-a' -Image $Images.Healthcheck -Command $Serve -Start
            $b = New-TestContainer -Name 'many-b' -Image $Images.Healthcheck -Command $Serve -Start
            $ids = @{ $a = (Get-Inspect $a).Id; $b = (Get-Inspect $b).Id }
            $caught = $null
            $out = try { Get-ContainerHardening -Name $a, $b | New-HardenedContainer -Replace -Label $Labels -WarningAction SilentlyContinue }
            catch { $caught = $_ }
            $out | Should -BeNullOrEmpty
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike 'ReplaceManyRefused,*'
            $caught.Exception.Message | Should -Match 'received 2 containers'
            $caught.Exception.Message | Should -Match '-ContainerId'
            foreach ($name in $a, $b) {
                $now = Get-Inspect $name
                $now.Id | Should -Be $ids[$name] -Because "$name must not be replaced"
                $now.State.Running | Should -BeTrue
                Test-Container "$name-original" | Should -BeFalse
            }
        }

        It 'replaces every piped container with -Force' {
            $a = New-TestContainer -Name 'force-a' -Image $Images.Healthcheck -Command $Serve -Start
            $b = New-TestContainer -Name 'force-b' -Image $Images.Healthcheck -Command $Serve -Start
            $made = @(Get-ContainerHardening -Name $a, $b | New-HardenedContainer -Replace -Force -Label $Labels -WarningAction SilentlyContinue)
            $made.Name | Sort-Object | Should -Be (@($a, $b) | Sort-Object)
            foreach ($name in $a, $b) { Test-Container "$name-original" | Should -BeTrue }
        }

        It 'replaces nothing for an empty pipeline' {
            $before = Get-RunObjectCount
            $errs = $null
            $out = @() | New-HardenedContainer -Replace -Label $Labels -ErrorVariable errs
            $out | Should -BeNullOrEmpty
            $errs | Should -HaveCount 0
            (Get-RunObjectCount).Containers | Should -Be $before.Containers
        }

        It 'writes an error for piped input without a container and replaces only the one that names one' {
            $one = New-TestContainer -Name 'one-usable' -Image $Images.Healthcheck -Command $Serve -Start
            $errs = $null
            $made = @([pscustomobject]@{ Foo = 1 }, [pscustomobject]@{ ContainerId = $one }) |
                New-HardenedContainer -Replace -Label $Labels -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $errs | Should -HaveCount 1
            @($made).Name | Should -Be @($one)
            Test-Container "$one-original" | Should -BeTrue
        }
    }

    Context 'advice that works' {
        It '-Port replaces the original''s binding of that container port in a twin' {
            $held = Get-FreePort
            $other = Get-FreePort
            $weak = New-TestContainer -Name 'port-held' -Image $Images.Healthcheck -Command $Serve -Start -Arguments @('-p', "$($held):80")
            $errs = $null
            $twin = Get-ContainerHardening -Name $weak | New-HardenedContainer -Port "$($other):80" -Start -Label $Labels `
                -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $errs | Should -HaveCount 0 -Because ($errs -join '; ')
            $twin.Started | Should -BeTrue
            @(Invoke-Docker @('port', $twin.Name, '80/tcp')) | Should -Be @("127.0.0.1:$other")
            ($twin.Changes -join "`n") | Should -Match "port 80/tcp: host .*:$held -> 127\.0\.0\.1:$other \(-Port\)"
        }

        It 'says how to pick another port with -Port when the twin cannot bind the original''s' {
            $held = Get-FreePort
            $weak = New-TestContainer -Name 'port-advice' -Image $Images.Healthcheck -Command $Serve -Start -Arguments @('-p', "127.0.0.1:$($held):80")
            $errs = $null
            $null = Get-ContainerHardening -Name $weak | New-HardenedContainer -Start -Label $Labels -ErrorVariable errs `
                -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'PortInUse,*'
            $errs[0].Exception.Message | Should -Match '-Port \d+:80\b'
        }

        It 'suggests, for a taken name, a -Replace call that runs (with -ContainerId, not -Image)' {
            $taken = New-TestContainer -Name 'name-advice' -Image $Images.Healthcheck -Command $Serve -Start
            $errs = $null
            $null = New-HardenedContainer -Image $Images.Healthcheck -Name $taken -Label $Labels -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Should -HaveCount 1
            $message = $errs[0].Exception.Message
            $message | Should -Match ([regex]::Escape("New-HardenedContainer -ContainerId $taken -Replace"))
            $message | Should -Not -Match 'use -Replace'
            $errs2 = $null
            $null = New-HardenedContainer -ContainerId $taken -Replace -Label $Labels -WhatIf -ErrorVariable errs2 -WarningAction SilentlyContinue
            $errs2 | Should -HaveCount 0 -Because 'the suggested command must be valid'
        }
    }

    Context 'what -WhatIf and -Verbose tell' {
        It 'writes each rule warning once per container, naming the container' {
            $a = New-TestContainer -Name 'warn-a' -Command $Serve
            $b = New-TestContainer -Name 'warn-b' -Command $Serve
            $w = $null
            $null = Get-ContainerHardening -Name $a, $b -All | New-HardenedContainer -Label $Labels -WhatIf -WarningVariable w 3>$null
            $dh128 = @($w | ForEach-Object { "$_" } | Where-Object { $_ -match 'DH128' })
            $dh128 | Should -HaveCount 2 -Because ($dh128 -join "`n")
            @($dh128 | Where-Object { $_ -like "$a-hardened:*" }) | Should -HaveCount 1
            @($dh128 | Where-Object { $_ -like "$b-hardened:*" }) | Should -HaveCount 1
        }

        It '-Verbose says what is asked of the engine and what was decided' {
            $name = Get-TestContainerName 'verbose'
            $verbose = @(New-HardenedContainer -Image $Images.Healthcheck -Name $name -Label $Labels -WhatIf -Verbose 4>&1 |
                Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            ($verbose -join "`n") | Should -Match 'Asking the engine at .* for its security options'
            ($verbose -join "`n") | Should -Match "Inspecting image '$([regex]::Escape($Images.Healthcheck))'"
            ($verbose -join "`n") | Should -Match "$name`: user 10001:10001, cap-drop ALL"
            Test-Container $name | Should -BeFalse
        }
    }

    Context '-WhatIf and the error cases leave nothing behind' {
        It '-WhatIf creates no container and no network' {
            $name = Get-TestContainerName 'whatif'
            $twinTarget = New-TestContainer -Name 'whatif-src' -Image $Images.Healthcheck -Command $Serve -Start
            $before = Get-RunObjectCount
            $out = New-HardenedContainer -Image $Images.Healthcheck -Name $name -Start -Port "$(Get-FreePort):80" -Label $Labels -WhatIf
            $out2 = Get-ContainerHardening -Name $twinTarget | New-HardenedContainer -Replace -Label $Labels -WhatIf
            $after = Get-RunObjectCount
            $out | Should -BeNullOrEmpty
            $out2 | Should -BeNullOrEmpty
            $after.Containers | Should -Be $before.Containers
            $after.Networks | Should -Be $before.Networks
            Test-Container $name | Should -BeFalse
            Test-Network "$name-net" | Should -BeFalse
            (Get-Inspect $twinTarget).State.Running | Should -BeTrue
        }

        It '<Case> writes <ErrorId> and creates nothing' -ForEach @(
            @{ Case = 'an unknown image'; ErrorId = 'ImageNotFound'; Category = 'ObjectNotFound'; Extra = @{ Image = 'dockerharden-test/nosuchimage:9.9' }; Message = 'nosuchimage:9\.9' }
            @{ Case = 'a name in use'; ErrorId = 'ContainerNameInUse'; Category = 'ResourceExists'; Extra = @{ Name = 'TAKEN' }; Message = 'already exists' }
            @{ Case = 'a sensitive capability'; ErrorId = 'SensitiveCapabilityRefused'; Category = 'SecurityError'; Extra = @{ AddCapability = 'SYS_ADMIN' }; Message = 'DH103' }
            @{ Case = 'a docker.sock mount'; ErrorId = 'SensitiveMountRefused'; Category = 'SecurityError'; Extra = @{ Volume = '/var/run/docker.sock:/var/run/docker.sock' }; Message = 'DH106' }
        ) {
            $name = Get-TestContainerName "err-$($ErrorId.ToLowerInvariant())"
            $taken = $null
            if ($Extra.Name -eq 'TAKEN') {
                $taken = New-TestContainer -Name "err-taken-$RunId"
                $Extra = @{ Name = $taken }
                $name = $taken
            }
            $params = @{ Image = $Images.Healthcheck; Name = $name; Command = @('sleep', '3600'); Start = $true; Label = $Labels }
            foreach ($key in $Extra.Keys) { $params[$key] = $Extra[$key] }
            $before = Get-RunObjectCount
            $errs = $null
            $out = New-HardenedContainer @params -ErrorVariable errs -ErrorAction SilentlyContinue
            $after = Get-RunObjectCount
            $out | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            "$($errs[0].CategoryInfo.Category)" | Should -Be $Category
            $errs[0].Exception.Message | Should -Match $Message
            $after.Containers | Should -Be $before.Containers
            $after.Networks | Should -Be $before.Networks
            Test-Network "$name-net" | Should -BeFalse
            if ($taken) { (Get-Inspect $taken).Config.Labels.'dockerharden.test' | Should -Be '1' }
            else { Test-Container $name | Should -BeFalse }
        }
    }

    Context 'tab completion' {
        It 'completes <Parameter> from <Typed>' -ForEach @(
            @{ Parameter = 'AddCapability'; Typed = 'NET_B'; Expected = 'NET_BIND_SERVICE' }
            @{ Parameter = 'AddCapability'; Typed = 'sys_ad'; Expected = 'SYS_ADMIN' }
            @{ Parameter = 'Image'; Typed = 'dockerharden-test/busybox-h'; Expected = 'dockerharden-test/busybox-health:1.0' }
        ) {
            $line = "New-HardenedContainer -$Parameter $Typed"
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $result.CompletionMatches.CompletionText | Should -Contain $Expected
        }

        It 'completes -ContainerId with container names' {
            $name = New-TestContainer -Name 'complete-me'
            $line = "New-HardenedContainer -ContainerId $name"
            $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
            $result.CompletionMatches.CompletionText | Should -Contain $name
        }
    }
}
