#Requires -Version 7.2
# Real-engine tests of Test-DaemonHardening: throwaway dockerds beside the main engine (ThrowawayDaemon.psm1),
# each configured to break or meet the daemon rules, audited through their own sockets. The module under test
# comes from $env:DOCKERHARDEN_MODULE (a .psd1), else from out/DockerHarden/DockerHarden.psd1.
#
#   weak      defaults (daemon.json is {}).
#   hardened  userns-remap, bridge none, no-new-privileges, live-restore, syslog to a remote address, no userland
#             proxy; its data root is a tmpfs mount (DH010).
#   exposed   also listens on tcp://127.0.0.1 without TLS ("hosts" in daemon.json), allow-all seccomp profile,
#             journald, experimental, a cgroup parent, insecure registries, icc false; its socket is chmod 0606
#             and its daemon.json 0666.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseSingularNouns', '', Scope = 'Function', Target = 'Test-DockerdLoads', Justification = 'Reads as a sentence (does dockerd load the file?); Loads is a verb, not a plural.')]
param()

BeforeDiscovery {
    $script:RuleCases = @(
        @{ Daemon = 'weak'; Rule = 'DH002'; Status = 'Pass' }
        @{ Daemon = 'exposed'; Rule = 'DH002'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'tcp://127\.0\.0\.1:\d+' }
        @{ Daemon = 'weak'; Rule = 'DH003'; Status = 'Pass'; Evidence = 'root:docker 0660' }
        @{ Daemon = 'exposed'; Rule = 'DH003'; Status = 'Fail'; Severity = 'High'; Evidence = '0606' }
        @{ Daemon = 'weak'; Rule = 'DH004'; Status = 'Fail'; Severity = 'Medium' }
        @{ Daemon = 'hardened'; Rule = 'DH004'; Status = 'Pass' }
        @{ Daemon = 'weak'; Rule = 'DH005'; Status = 'Fail'; Severity = 'Medium'; Evidence = 'enable_icc=true' }
        @{ Daemon = 'exposed'; Rule = 'DH005'; Status = 'Pass' }
        @{ Daemon = 'hardened'; Rule = 'DH005'; Status = 'NotApplicable'; Evidence = 'bridge' }
        @{ Daemon = 'weak'; Rule = 'DH006'; Status = 'Fail'; Severity = 'High' }
        @{ Daemon = 'hardened'; Rule = 'DH006'; Status = 'Pass'; Evidence = 'name=userns' }
        @{ Daemon = 'weak'; Rule = 'DH007'; Status = 'Pass' }
        @{ Daemon = 'exposed'; Rule = 'DH007'; Status = 'Fail'; Severity = 'High'; Evidence = 'unshare' }
        @{ Daemon = 'weak'; Rule = 'DH009'; Status = 'Pass' }
        @{ Daemon = 'exposed'; Rule = 'DH009'; Status = 'Fail'; Severity = 'Medium'; Evidence = '/dh-test-parent' }
        @{ Daemon = 'weak'; Rule = 'DH010'; Status = 'Fail'; Severity = 'Low'; Evidence = 'not a mount point' }
        @{ Daemon = 'hardened'; Rule = 'DH010'; Status = 'Pass'; Evidence = 'is a mount point' }
        @{ Daemon = 'weak'; Rule = 'DH011'; Status = 'Fail'; Severity = 'Medium'; Evidence = 'json-file' }
        @{ Daemon = 'hardened'; Rule = 'DH011'; Status = 'Pass'; Evidence = 'udp://192\.0\.2\.10:514' }
        @{ Daemon = 'exposed'; Rule = 'DH011'; Status = 'Warn'; Evidence = 'journald' }
        @{ Daemon = 'weak'; Rule = 'DH012'; Status = 'Pass' }
        @{ Daemon = 'exposed'; Rule = 'DH012'; Status = 'Fail'; Severity = 'High'; Evidence = 'effectively unconfined' }
        @{ Daemon = 'weak'; Rule = 'DH014'; Status = 'Fail'; Severity = 'Medium' }
        @{ Daemon = 'hardened'; Rule = 'DH014'; Status = 'Pass' }
        @{ Daemon = 'weak'; Rule = 'DH015'; Status = 'Fail'; Severity = 'Low' }
        @{ Daemon = 'hardened'; Rule = 'DH015'; Status = 'Pass' }
        @{ Daemon = 'weak'; Rule = 'DH016'; Status = 'Fail'; Severity = 'Low' }
        @{ Daemon = 'hardened'; Rule = 'DH016'; Status = 'Pass' }
        @{ Daemon = 'weak'; Rule = 'DH017'; Status = 'Pass' }
        @{ Daemon = 'exposed'; Rule = 'DH017'; Status = 'Fail'; Severity = 'High'; Evidence = '10\.1\.2\.3:5000', '192\.168\.0\.0/16' }
        @{ Daemon = 'weak'; Rule = 'DH018'; Status = 'Fail'; Severity = 'Info' }
        @{ Daemon = 'weak'; Rule = 'DH019'; Status = 'Pass' }
        @{ Daemon = 'exposed'; Rule = 'DH019'; Status = 'Fail'; Severity = 'Medium'; Evidence = 'daemon\.json.*0666' }
        @{ Daemon = 'weak'; Rule = 'DH020'; Status = 'Pass' }
        @{ Daemon = 'exposed'; Rule = 'DH020'; Status = 'Fail'; Severity = 'Low' }
        @{ Daemon = 'weak'; Rule = 'DH021'; Status = 'Pass' }
    )
    foreach ($case in $script:RuleCases) {
        foreach ($key in 'Severity', 'Evidence') { if (-not $case.ContainsKey($key)) { $case[$key] = $null } }
    }
}

Describe 'Test-DaemonHardening against throwaway daemons' -Tag 'Docker', 'Integration', 'Daemon' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'ThrowawayDaemon.psm1') -Force
        $modulePath = Initialize-DaemonSuite -TestRoot $PSScriptRoot
        $TcpPort = Get-Random -Minimum 23000 -Maximum 23999
        $Scratch = Get-ThrowawayDirectory
        $SeccompAllowAll = Join-Path $Scratch 'allow-all.json'
        Set-Content -LiteralPath $SeccompAllowAll -Value '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]}'

        $Daemons = @{}
        $Daemons.weak = New-ThrowawayDaemon -Name weak -Config @{}
        $Daemons.hardened = New-ThrowawayDaemon -Name hardened -TmpfsDataRoot -Config ([ordered]@{
                'userns-remap'      = 'default'
                'bridge'            = 'none'
                'no-new-privileges' = $true
                'live-restore'      = $true
                'log-driver'        = 'syslog'
                'log-opts'          = @{ 'syslog-address' = 'udp://192.0.2.10:514' }
                'userland-proxy'    = $false
            })
        $exposedRoot = Join-Path $Scratch 'exposed'
        $Daemons.exposed = New-ThrowawayDaemon -Name exposed -Config ([ordered]@{
                'hosts'               = @("unix://$exposedRoot/docker.sock", "tcp://127.0.0.1:$TcpPort")
                'seccomp-profile'     = $SeccompAllowAll
                'log-driver'          = 'journald'
                'experimental'        = $true
                'cgroup-parent'       = '/dh-test-parent'
                'insecure-registries' = @('10.1.2.3:5000', '192.168.0.0/16')
                'icc'                 = $false
            })
        # Started together: each takes a few seconds, mostly waiting on its own containerd.
        foreach ($d in $Daemons.Values) { Start-ThrowawayDaemon $d }
        foreach ($d in $Daemons.Values) { Wait-ThrowawayDaemon $d }
        & chmod 0606 $Daemons.exposed.Socket
        & chmod 0666 $Daemons.exposed.ConfigPath

        $AuditErrors = @()
        $Reports = @{}
        foreach ($name in $Daemons.Keys) {
            $errs = $null
            $Reports[$name] = Test-DaemonHardening -DockerHost $Daemons[$name].Endpoint -ErrorVariable errs
            $AuditErrors += @($errs)
        }

        function Get-Finding([string] $Daemon, [string] $RuleId) { @($Reports[$Daemon].Findings | Where-Object RuleId -EQ $RuleId) }
        function Format-Finding($Finding) { ($Finding | ForEach-Object { "$($_.RuleId) $($_.Status) [$($_.Severity)] $($_.Evidence)" }) -join '; ' }
    }

    AfterAll {
        if (Get-Command Complete-DaemonSuite -ErrorAction SilentlyContinue) { Complete-DaemonSuite }
    }

    Context 'the reports' {
        It 'raises no error' {
            @($AuditErrors) | Should -HaveCount 0
        }

        It 'describes each engine: endpoint, version, the daemon.json its dockerd reads' {
            foreach ($name in $Daemons.Keys) {
                $r = $Reports[$name]
                $r | Should -BeOfType ([DockerHarden.Models.DaemonHardeningReport])
                $r.DockerHost | Should -Be $Daemons[$name].Endpoint
                $r.ServerVersion | Should -Be ((& docker -H $Daemons[$name].Endpoint version --format '{{.Server.Version}}') | Select-Object -First 1)
                $r.ConfigPath | Should -Be $Daemons[$name].ConfigPath
            }
        }

        It 'evaluates every daemon rule DH001..DH021 exactly once' {
            $expected = 1..21 | ForEach-Object { 'DH{0:000}' -f $_ }
            foreach ($r in $Reports.Values) {
                @($r.Findings.RuleId) | Should -Be $expected
            }
        }

        It 'explains every Fail, Warn and NotApplicable and keeps Score consistent' {
            foreach ($r in $Reports.Values) {
                foreach ($f in $r.Findings) {
                    if ("$($f.Status)" -ne 'Pass') { $f.Evidence | Should -Not -BeNullOrEmpty -Because "$($f.RuleId) on $($r.DockerHost)" }
                    $f.Remediation | Should -Not -BeNullOrEmpty
                    $f.Target | Should -Be $r.DockerHost
                }
                $pass = @($r.Findings | Where-Object Status -EQ 'Pass').Count
                $fail = @($r.Findings | Where-Object Status -EQ 'Fail').Count
                $warn = @($r.Findings | Where-Object Status -EQ 'Warn').Count
                $r.FailCount | Should -Be $fail
                $r.WarnCount | Should -Be $warn
                [math]::Abs($r.Score - 100.0 * $pass / ($pass + $fail + 0.5 * $warn)) | Should -BeLessOrEqual 0.1
            }
        }

        It 'ranks the hardened engine above the weak one' {
            $Reports.hardened.Score | Should -BeGreaterThan $Reports.weak.Score
            $Reports.weak.Compliant | Should -BeFalse
        }
    }

    Context 'each rule against a daemon that breaks it and one that meets it' {
        It '<Rule> is <Status> on the <Daemon> daemon' -ForEach $RuleCases {
            $finding = Get-Finding $Daemon $Rule
            $finding | Should -HaveCount 1
            "$($finding.Status)" | Should -Be $Status -Because (Format-Finding $finding)
            if ($Severity) { "$($finding.Severity)" | Should -Be $Severity -Because (Format-Finding $finding) }
            foreach ($pattern in @($Evidence | Where-Object { $_ })) {
                $finding.Evidence | Should -Match $pattern -Because (Format-Finding $finding)
            }
        }
    }

    Context 'host-dependent rules' {
        It 'DH008 judges kernel.unprivileged_userns_clone, or warns with what the kernel has instead' {
            $finding = Get-Finding 'weak' 'DH008'
            if (Test-Path /proc/sys/kernel/unprivileged_userns_clone) {
                $expected = if ((Get-Content /proc/sys/kernel/unprivileged_userns_clone -Raw).Trim() -eq '0') { 'Pass' } else { 'Fail' }
                "$($finding.Status)" | Should -Be $expected -Because (Format-Finding $finding)
            }
            else {
                "$($finding.Status)" | Should -Be 'Warn' -Because (Format-Finding $finding)
                $max = (Get-Content /proc/sys/user/max_user_namespaces -Raw).Trim()
                $finding.Evidence | Should -Match "user\.max_user_namespaces=$max"
            }
        }

        It 'DH013 is NotApplicable with the reason without AppArmor, else judges docker-default' {
            $finding = Get-Finding 'weak' 'DH013'
            $enabled = (Test-Path /sys/module/apparmor/parameters/enabled) -and ((Get-Content /sys/module/apparmor/parameters/enabled -Raw).Trim() -eq 'Y')
            if ($enabled) { "$($finding.Status)" | Should -BeIn 'Pass', 'Fail' }
            else {
                "$($finding.Status)" | Should -Be 'NotApplicable'
                $finding.Evidence | Should -Match 'AppArmor is not enabled'
            }
        }
    }

    Context 'DH001 with real users in the docker group' {
        BeforeAll {
            $CreatedGroup = $false
            if (-not (& getent group docker)) { & groupadd docker; $CreatedGroup = $true }
            $Users = @((New-ThrowawayUser 'a'), (New-ThrowawayUser 'b'))
            foreach ($u in $Users) { & gpasswd -a $u docker | Out-Null }
            $Others = @(((& getent group docker) -split ':')[3] -split ',' | Where-Object { $_ -and $_ -notin $Users })
        }
        AfterAll {
            foreach ($u in @($Users)) { Remove-ThrowawayUser $u }
            if ($CreatedGroup) { & groupdel docker }
        }

        It 'fails without -AllowedUser when the group has more than one member, naming them' {
            $f = (Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Rule DH001).Findings
            "$($f.Status)" | Should -Be 'Fail'
            "$($f.Severity)" | Should -Be 'High'
            foreach ($u in $Users) { $f.Evidence | Should -Match $u }
        }

        It 'fails naming only the member that -AllowedUser leaves out' {
            $f = (Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Rule DH001 -AllowedUser (@($Users[0]) + $Others)).Findings
            "$($f.Status)" | Should -Be 'Fail'
            $f.Evidence | Should -Match "$($Users[1]) beyond"
            $f.Remediation | Should -Be "gpasswd -d $($Users[1]) docker"
        }

        It 'passes when -AllowedUser names every member' {
            $f = (Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Rule DH001 -AllowedUser ($Users + $Others)).Findings
            "$($f.Status)" | Should -Be 'Pass' -Because $f.Evidence
        }

        It 'matches names exactly: a prefix of a member is not that member' {
            $prefix = $Users[1].Substring(0, $Users[1].Length - 1)
            $f = (Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Rule DH001 -AllowedUser (@($Users[0], $prefix) + $Others)).Findings
            "$($f.Status)" | Should -Be 'Fail'
        }
    }

    Context 'a malformed daemon.json' {
        BeforeAll {
            $BadConfig = Join-Path $Scratch 'malformed.json'
            Set-Content -LiteralPath $BadConfig -Value "{`n  `"icc`": false,`n  `"bridge`" `"none`"`n}"
            $BadReport = Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -DaemonConfigPath $BadConfig -ErrorVariable BadErrors
        }

        It 'is a DH021 finding naming file, line and column, not an error' {
            @($BadErrors) | Should -HaveCount 0
            $f = $BadReport.Findings | Where-Object RuleId -EQ 'DH021'
            "$($f.Status)" | Should -Be 'Fail'
            $f.Evidence | Should -Match ([regex]::Escape("${BadConfig}:3:12"))
            $BadReport.ConfigPath | Should -Be $BadConfig
        }

        It 'makes the rules that need it NotApplicable, pointing at DH021' {
            foreach ($id in 'DH009', 'DH014', 'DH016') {
                $f = $BadReport.Findings | Where-Object RuleId -EQ $id
                "$($f.Status)" | Should -Be 'NotApplicable' -Because $id
                $f.Evidence | Should -Match 'line 3, column 12.*DH021'
            }
        }

        It 'still judges what the engine reports itself' {
            "$(($BadReport.Findings | Where-Object RuleId -EQ 'DH015').Status)" | Should -Be 'Fail'
            "$(($BadReport.Findings | Where-Object RuleId -EQ 'DH004').Status)" | Should -Be 'Fail'
        }
    }

    Context 'daemon.json that dockerd 20.10 refuses, or loads otherwise than written, proven on a real dockerd' {
        BeforeAll {
            $utf8 = [Text.UTF8Encoding]::new($false)
            # One throwaway daemon whose daemon.json each case overwrites; it is started on the case and stopped again.
            $Probe = New-ThrowawayDaemon -Name dh021probe
            function Test-DockerdLoads([byte[]] $Bytes) {
                [IO.File]::WriteAllBytes($Probe.ConfigPath, $Bytes)
                Start-ThrowawayDaemon $Probe
                try { Wait-ThrowawayDaemon $Probe -TimeoutSeconds 60; $true } catch { $false } finally { Stop-ThrowawayDaemon $Probe }
            }
            function Get-Dh021([byte[]] $Bytes) {
                $file = Join-Path $Scratch "dh021-$([Guid]::NewGuid().ToString('N').Substring(0, 6)).json"
                [IO.File]::WriteAllBytes($file, $Bytes)
                $report = Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -DaemonConfigPath $file -Rule DH021 -ErrorAction Stop
                [pscustomobject]@{ File = $file; Finding = $report.Findings | Where-Object RuleId -EQ 'DH021' }
            }
        }

        It 'fails DH021 naming file, key and line:column for <Case>, which dockerd refuses' -ForEach @(
            @{ Case = 'icc "yes"'; Text = "{`n  `"icc`": `"yes`"`n}"; At = ':2:3:'; Says = '"icc" must be a boolean' }
            @{ Case = 'experimental "true"'; Text = '{"experimental": "true"}'; At = ':1:2:'; Says = '"experimental" must be a boolean' }
            @{ Case = 'a string insecure-registries'; Text = '{"insecure-registries": "10.0.0.1:5000"}'; At = ':1:2:'; Says = 'must be an array of strings' }
            @{ Case = 'an unknown key'; Text = "{`n  `"debug`": true,`n  `"no-new-privilege`": true`n}"; At = ':3:3:'; Says = '"no-new-privilege" is not a dockerd 20.10 option' }
            @{ Case = 'an empty file'; Text = ''; At = ':1:1:'; Says = 'empty' }
            @{ Case = 'a whitespace-only file'; Text = "  `n`n"; At = ':1:1:'; Says = 'empty' }
            @{ Case = 'an integer written as 1.5'; Text = '{"shutdown-timeout": 1.5}'; At = ':1:2:'; Says = 'must be an integer' }
            @{ Case = 'a UTF-8 byte order mark'; Bom = 'utf8'; Text = '{"debug": true}'; At = ':1:1:'; Says = 'byte order mark' }
            @{ Case = 'UTF-16'; Bom = 'utf16'; Text = '{"debug": true}'; At = ':1:1:'; Says = 'UTF-16' }
        ) {
            [byte[]] $bytes = @(switch ($Bom) {
                'utf8' { [byte[]](0xEF, 0xBB, 0xBF) + $utf8.GetBytes($Text) }
                'utf16' { [Text.Encoding]::Unicode.GetPreamble() + [Text.Encoding]::Unicode.GetBytes($Text) }
                default { $utf8.GetBytes($Text) }
            })
            Test-DockerdLoads $bytes | Should -BeFalse -Because "dockerd 20.10 must refuse $Case for this case to mean anything"
            $r = Get-Dh021 $bytes
            "$($r.Finding.Status)" | Should -Be 'Fail'
            $r.Finding.Evidence | Should -Match ([regex]::Escape("$($r.File)$At"))
            $r.Finding.Evidence | Should -Match ([regex]::Escape($Says))
        }

        It 'warns on DH021 for <Case>, which dockerd loads otherwise than written' -ForEach @(
            @{ Case = 'a duplicate key'; Text = "{`n  `"debug`": true,`n  `"debug`": false`n}"; At = ':3:3:'; Says = 'first at 2:3' }
            @{ Case = 'a flag name that dockerd ignores'; Text = '{"insecure-registry": ["10.0.0.1:5000"]}'; At = ':1:2:'; Says = '"insecure-registries"' }
            @{ Case = 'text after the object'; Text = '{"debug": true}{"icc": "yes"}'; At = ':1:16:'; Says = 'first JSON value' }
            @{ Case = 'a byte that is not UTF-8'; Invalid = $true; Text = '{"labels": ["a=b'; At = ':1:17:'; Says = 'not UTF-8' }
        ) {
            $bytes = $utf8.GetBytes($Text)
            if ($Invalid) { $bytes = $bytes + [byte[]](0xFF) + $utf8.GetBytes('"]}') }
            Test-DockerdLoads $bytes | Should -BeTrue -Because "dockerd 20.10 loads $Case"
            $r = Get-Dh021 $bytes
            "$($r.Finding.Status)" | Should -Be 'Warn'
            $r.Finding.Evidence | Should -Match ([regex]::Escape("$($r.File)$At"))
            $r.Finding.Evidence | Should -Match ([regex]::Escape($Says))
        }

        It 'has in its table every key dockerd knows, and no key dockerd refuses' {
            $assembly = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'DockerHarden' } | Select-Object -First 1
            $keys = @($assembly.GetType('DockerHarden.Views.Daemon.DaemonConfigSchema').GetField('Keys').GetValue($null) | ForEach-Object Key)
            $keys.Count | Should -BeGreaterThan 90
            # Every long flag dockerd --help shows is a key dockerd accepts (its own name or its daemon.json name).
            $flags = @(& dockerd --help 2>&1 | Select-String -Pattern '^\s+(?:-\w, )?--([a-z0-9-]+)' -AllMatches | ForEach-Object { $_.Matches[0].Groups[1].Value })
            $flags.Count | Should -BeGreaterThan 70
            @($flags | Where-Object { $_ -notin $keys }) | Should -BeNullOrEmpty
            # dockerd checks every key against its flags before it decodes any value: with all of them at null, what it
            # complains about must not be an unknown directive.
            $all = '{' + (($keys | ForEach-Object { "`"$_`": null" }) -join ', ') + '}'
            Test-DockerdLoads $utf8.GetBytes($all) | Should -BeFalse
            (Get-Content -Raw -LiteralPath $Probe.Log) | Should -Not -Match "don't match any configuration option"
            (Get-Content -Raw -LiteralPath $Probe.Log) | Should -Match 'unable to configure the Docker daemon'
        }
    }

    Context 'a remote engine (tcp, reached from inside the daemon''s network namespace)' {
        BeforeAll {
            $pwshPath = [Environment]::ProcessPath
            if ($pwshPath -notmatch 'pwsh$') { $pwshPath = (Get-Command pwsh -CommandType Application | Select-Object -First 1).Source }
            $script = "Import-Module '$modulePath'; Test-DaemonHardening -DockerHost tcp://127.0.0.1:$TcpPort | ConvertTo-Json -Depth 4"
            $json = & nsenter "--net=/proc/$($Daemons.exposed.Pid)/ns/net" $pwshPath -NoProfile -NonInteractive -Command $script
            $Remote = ($json -join "`n") | ConvertFrom-Json
        }

        It 'fails DH002 from the plain-TCP connection itself' {
            $f = $Remote.Findings | Where-Object RuleId -EQ 'DH002'
            $f.Status | Should -Be 1  # FindingStatus.Fail, serialised as its number
            $f.Evidence | Should -Match "tcp://127\.0\.0\.1:$TcpPort without TLS"
        }

        It 'makes every host rule NotApplicable with the reason, never a guess' {
            foreach ($id in 'DH001', 'DH003', 'DH008', 'DH010', 'DH013', 'DH019') {
                $f = $Remote.Findings | Where-Object RuleId -EQ $id
                $f.Status | Should -Be 3 -Because "$id should be NotApplicable: $($f.Evidence)"
                $f.Evidence | Should -Match 'remote'
            }
        }

        It 'still judges the engine facts the API reports' {
            ($Remote.Findings | Where-Object RuleId -EQ 'DH020').Status | Should -Be 1
            ($Remote.Findings | Where-Object RuleId -EQ 'DH017').Status | Should -Be 1
            $Remote.ConfigPath | Should -BeNullOrEmpty
        }
    }

    Context 'parameters' {
        BeforeAll {
            $listener = @'
import socket, struct, sys, threading
def serve(mode):
    s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen(50)
    print(mode, s.getsockname()[1], flush=True)
    def loop():
        while True:
            c, _ = s.accept()
            if mode == 'reset': c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
            elif mode == 'garbage': c.recv(4096); c.sendall(b'hello there\r\n')
            elif mode == 'half': c.recv(4096); c.sendall(b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 6\r\n\r\n{"ID":')
            c.close()
    threading.Thread(target=loop, daemon=True).start()
for m in ('close', 'reset', 'garbage', 'half'): serve(m)
sys.stdin.read()
'@
            $listenerScript = Join-Path $Scratch 'listeners.py'
            Set-Content -LiteralPath $listenerScript -Value $listener
            $start = [System.Diagnostics.ProcessStartInfo]::new('python3', "-u $listenerScript")
            $start.RedirectStandardOutput = $true
            $start.RedirectStandardInput = $true
            $ListenerProcess = [System.Diagnostics.Process]::Start($start)
            $BadListeners = @{}
            foreach ($i in 1..4) { $mode, $port = $ListenerProcess.StandardOutput.ReadLine() -split ' '; $BadListeners[$mode] = $port }
        }

        AfterAll {
            if ($ListenerProcess) { $ListenerProcess.Kill(); $ListenerProcess.WaitForExit(5000) | Out-Null }
        }

        It '-Quiet returns only whether the engine is compliant at -FailOn' {
            $quiet = @(Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Quiet)
            $quiet | Should -HaveCount 1
            $quiet[0] | Should -BeOfType ([bool])
            $quiet[0] | Should -BeFalse  # DH006 fails at High
            # The weak engine fails nothing Critical (no TCP listener).
            Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Quiet -FailOn Critical | Should -BeTrue
            Test-DaemonHardening -DockerHost $Daemons.exposed.Endpoint -Quiet -FailOn Critical | Should -BeFalse
        }

        It '-Rule and -ExcludeRule select by id or name with wildcards' {
            @((Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Rule DH00*).Findings.RuleId) |
                Should -Be @('DH001', 'DH002', 'DH003', 'DH004', 'DH005', 'DH006', 'DH007', 'DH008', 'DH009')
            @((Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Rule *Seccomp* -ExcludeRule DH007).Findings.RuleId) |
                Should -Be @('DH012')
        }

        It 'writes RuleNotFound for an unknown rule id and goes on' {
            $report = Test-DaemonHardening -DockerHost $Daemons.weak.Endpoint -Rule DH999, DH015 -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'RuleNotFound,*'
            @($report.Findings.RuleId) | Should -Be @('DH015')
        }

        It 'names the endpoint and says in plain words what happened when the connection <Mode>' -ForEach @(
            # A close while the request is still unread makes the kernel answer with a reset: either is the truth.
            @{ Mode = 'close'; Id = 'DockerDaemonUnreachable'; Says = '(closed|reset) before an answer came' }
            @{ Mode = 'reset'; Id = 'DockerDaemonUnreachable'; Says = 'reset before an answer came' }
            @{ Mode = 'garbage'; Id = 'DockerDaemonUnreachable'; Says = 'not HTTP' }
            @{ Mode = 'half'; Id = 'DockerRequestFailed'; Says = 'not the JSON a Docker engine sends' }
        ) {
            # A tiny listener that accepts and then closes at once, resets, answers garbage, or cuts an HTTP answer short.
            $endpoint = "tcp://127.0.0.1:$($BadListeners[$Mode])"
            $caught = $null
            try { $null = Test-DaemonHardening -DockerHost $endpoint -ErrorAction Stop } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $caught.Exception.Message | Should -Match ([regex]::Escape($endpoint))
            $caught.Exception.Message | Should -Match $Says
            $caught.Exception.Message | Should -Not -Match 'Sequence contains|inner exception|Invalid status code|LineNumber|BytePosition|Exception'
        }

        It 'stops with DockerDaemonUnreachable for an endpoint where nothing listens' {
            { Test-DaemonHardening -DockerHost "unix://$Scratch/nothing.sock" -ErrorAction Stop } |
                Should -Throw -ErrorId 'DockerDaemonUnreachable*'
        }
    }
}
