#Requires -Version 7.2
# Real-engine tests of Get-ContainerHardening: every container rule DH101..DH133 against containers that
# break it and containers that meet it. The module under test comes from $env:DOCKERHARDEN_MODULE (a .psd1),
# else from out/DockerHarden/DockerHarden.psd1 beside this folder.
#
# Fixtures are made once, audited with one call and shared; --privileged and --cap-add ALL containers are only
# created (the engine here cannot start them), most others too (-All audits created containers).

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
param()

BeforeDiscovery {
    # Fixtures: Name (suffix of dh-test-<runid>-<Name>), Args for docker create, Image (Pinned, Latest,
    # Untagged, Healthcheck), Start, Group (a label, for the -Label tests). Placeholders resolved at creation:
    # {net:X} = test network X, {ctr:X} = fixture X, {dir} = a scratch directory for bind mounts.
    $script:FixtureSpec = @(
        @{ Name = 'hardened'; Hardened = $true; Start = $true; Group = 'hardened' }
        @{ Name = 'default'; Args = @() }
        @{ Name = 'user-root'; Args = @('--user', '0:0') }
        @{ Name = 'user-rootname'; Args = @('--user', 'root:staff') }
        @{ Name = 'caps-netbind'; Args = @('--cap-drop', 'ALL', '--cap-add', 'NET_BIND_SERVICE'); Group = 'caps' }
        @{ Name = 'caps-dropsensitive'; Group = 'caps'; Args = @(
                '--cap-drop', 'CHOWN', '--cap-drop', 'DAC_OVERRIDE', '--cap-drop', 'FOWNER', '--cap-drop', 'FSETID',
                '--cap-drop', 'MKNOD', '--cap-drop', 'SETFCAP', '--cap-drop', 'SETPCAP', '--cap-drop', 'SETUID',
                '--cap-drop', 'SETGID', '--cap-drop', 'SYS_CHROOT')
        }
        @{ Name = 'caps-sysadmin'; Args = @('--cap-add', 'sys_admin'); Group = 'caps' }
        @{ Name = 'caps-chown'; Args = @('--cap-drop', 'ALL', '--cap-add', 'CHOWN'); Group = 'caps' }
        @{ Name = 'caps-ptrace'; Args = @('--cap-drop', 'ALL', '--cap-add', 'CAP_SYS_PTRACE'); Group = 'caps' }
        @{ Name = 'caps-all'; Args = @('--cap-add', 'ALL'); Group = 'caps' }
        # Beyond the guide's 17: capabilities that reach the host, each with its own severity.
        @{ Name = 'caps-dacreadsearch'; Args = @('--cap-drop', 'ALL', '--cap-add', 'DAC_READ_SEARCH'); Group = 'caps' }
        @{ Name = 'caps-netadmin'; Args = @('--cap-drop', 'ALL', '--cap-add', 'NET_ADMIN'); Group = 'caps' }
        @{ Name = 'caps-systime'; Args = @('--cap-drop', 'ALL', '--cap-add', 'SYS_TIME'); Group = 'caps' }
        @{ Name = 'caps-wakealarm'; Args = @('--cap-drop', 'ALL', '--cap-add', 'WAKE_ALARM'); Group = 'caps' }
        @{ Name = 'privileged'; Args = @('--privileged') }
        @{ Name = 'mount-etc-ro'; Args = @('-v', '/etc:/host-etc:ro') }
        @{ Name = 'mount-procsys'; Args = @('-v', '/proc/sys:/host-procsys') }
        @{ Name = 'mount-root'; Args = @('-v', '/:/host:ro') }
        @{ Name = 'mount-private'; Args = @('--mount', 'type=bind,src={dir},dst=/data,bind-propagation=rprivate') }
        @{ Name = 'docker-sock'; Args = @('-v', '/var/run/docker.sock:/var/run/docker.sock') }
        # Directories that hold the engine's socket (docker.sock is visible inside).
        @{ Name = 'mount-varrun'; Args = @('-v', '/var/run:/hostrun') }
        @{ Name = 'mount-run'; Args = @('-v', '/run:/x') }
        @{ Name = 'dev-rwm'; Args = @('--device', '/dev/null:/dev/xnull:rwm'); Group = 'dev' }
        @{ Name = 'dev-implicit'; Args = @('--device', '/dev/null:/dev/xnull'); Group = 'dev' }
        @{ Name = 'dev-rw'; Args = @('--device', '/dev/null:/dev/xnull:rw'); Group = 'dev' }
        @{ Name = 'dev-r'; Args = @('--device', '/dev/null:/dev/xnull:r'); Group = 'dev' }
        @{ Name = 'dev-cgrouprule'; Args = @('--device-cgroup-rule', 'c *:* rwm'); Group = 'dev' }
        @{ Name = 'net-host'; Args = @('--network', 'host') }
        # Joining a host-network container is host networking; joining a bridged one is not.
        @{ Name = 'net-join-host'; Args = @('--network', 'container:{ctr:net-host}') }
        @{ Name = 'net-join-chain'; Args = @('--network', 'container:{ctr:net-join-host}') }
        @{ Name = 'net-join-bridge'; Args = @('--network', 'container:{ctr:hardened}') }
        # DH110: a publisher with two other members on its network warns; with one other member it passes.
        @{ Name = 'wide-pub'; Args = @('--network', '{net:wide}', '-p', '127.0.0.1::80'); Start = $true; Group = 'wide' }
        @{ Name = 'wide-peer1'; Args = @('--network', '{net:wide}'); Start = $true; Group = 'wide' }
        @{ Name = 'wide-peer2'; Args = @('--network', '{net:wide}'); Start = $true; Group = 'wide' }
        @{ Name = 'pair-pub'; Args = @('--network', '{net:pair}', '-p', '127.0.0.1::80'); Start = $true }
        @{ Name = 'pair-peer'; Args = @('--network', '{net:pair}'); Start = $true }
        @{ Name = 'pid-host'; Args = @('--pid', 'host') }
        @{ Name = 'pid-container'; Args = @('--pid', 'container:{ctr:hardened}') }
        @{ Name = 'pid-join-host'; Args = @('--pid', 'container:{ctr:pid-host}') }
        @{ Name = 'ipc-shareable'; Args = @('--ipc', 'shareable') }
        @{ Name = 'ipc-host'; Args = @('--ipc', 'host') }
        @{ Name = 'ipc-container'; Args = @('--ipc', 'container:{ctr:ipc-shareable}') }
        @{ Name = 'ipc-join-host'; Args = @('--ipc', 'container:{ctr:ipc-host}') }
        @{ Name = 'ipc-none'; Args = @('--ipc', 'none') }
        @{ Name = 'uts-host'; Args = @('--uts', 'host') }
        @{ Name = 'userns-host'; Args = @('--userns', 'host') }
        @{ Name = 'cgroup-parent'; Args = @('--cgroup-parent', '/dh-test-parent') }
        @{ Name = 'mem-only'; Args = @('--memory', '64m') }
        @{ Name = 'mem-swap-unlimited'; Args = @('--memory', '64m', '--memory-swap=-1') }
        @{ Name = 'cpu-shares'; Args = @('--cpu-shares', '512') }
        @{ Name = 'cpu-quota'; Args = @('--cpu-quota', '50000') }
        @{ Name = 'pids-unlimited'; Args = @('--pids-limit=-1') }
        @{ Name = 'nnp-true'; Args = @('--security-opt', 'no-new-privileges:true') }
        @{ Name = 'seccomp-unconfined'; Args = @('--security-opt', 'seccomp=unconfined') }
        @{ Name = 'seccomp-colon'; Args = @('--security-opt', 'seccomp:unconfined') }
        @{ Name = 'apparmor-unconfined'; Args = @('--security-opt', 'apparmor=unconfined') }
        @{ Name = 'label-disable'; Args = @('--security-opt', 'label=disable') }
        @{ Name = 'label-disable-colon'; Args = @('--security-opt', 'label:disable') }
        @{ Name = 'label-level'; Args = @('--security-opt', 'label=level:s0:c100,c200') }
        @{ Name = 'log-none'; Args = @('--log-driver', 'none') }
        @{ Name = 'log-json'; Args = @('--log-driver', 'json-file') }
        @{ Name = 'port-all'; Args = @('-p', '18126:80') }
        @{ Name = 'port-low'; Args = @('-p', '127.0.0.1:80:80') }
        @{ Name = 'port-loopback'; Args = @('-p', '127.0.0.1:18080:80') }
        @{ Name = 'prop-rshared'; Args = @('--mount', 'type=bind,src={dir},dst=/x,bind-propagation=rshared') }
        @{ Name = 'prop-shared'; Args = @('--mount', 'type=bind,src={dir},dst=/x,bind-propagation=shared') }
        @{ Name = 'health-image'; Image = 'Healthcheck' }
        @{ Name = 'health-disabled'; Image = 'Healthcheck'; Args = @('--no-healthcheck') }
        @{ Name = 'restart-always'; Args = @('--restart', 'always') }
        @{ Name = 'restart-unless'; Args = @('--restart', 'unless-stopped') }
        @{ Name = 'restart-many'; Args = @('--restart', 'on-failure:10') }
        @{ Name = 'env-secret'; Args = @('-e', 'DB_PASSWORD=hunter2') }
        @{ Name = 'env-token'; Args = @('-e', 'GITHUB_TOKEN=hunter2-token') }
        @{ Name = 'env-benign'; Args = @('-e', 'APP_MODE=production', '-e', 'DB_PASSWORD=') }
        @{ Name = 'image-latest'; Image = 'Latest' }
        @{ Name = 'image-untagged'; Image = 'Untagged' }
    )

    # One row per expectation: fixture, rule, status, and where the catalog raises it, the severity and the
    # facts Evidence must name. Host-dependent rules (DH114, DH120, DH122, DH124) have their own tests below.
    $script:RuleCases = @(
        @{ Fixture = 'default'; Rule = 'DH101'; Status = 'Fail'; Severity = 'High' }
        @{ Fixture = 'user-root'; Rule = 'DH101'; Status = 'Fail' }
        @{ Fixture = 'user-rootname'; Rule = 'DH101'; Status = 'Fail' }
        @{ Fixture = 'hardened'; Rule = 'DH101'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH102'; Status = 'Fail'; Severity = 'High' }
        @{ Fixture = 'caps-dropsensitive'; Rule = 'DH102'; Status = 'Fail' }
        @{ Fixture = 'caps-netbind'; Rule = 'DH102'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH102'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH103'; Status = 'Fail'; Severity = 'High'; Evidence = 'DAC_OVERRIDE' }
        @{ Fixture = 'caps-chown'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Medium'; Evidence = 'CHOWN' }
        @{ Fixture = 'caps-sysadmin'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'SYS_ADMIN' }
        @{ Fixture = 'caps-ptrace'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'SYS_PTRACE' }
        @{ Fixture = 'caps-all'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Critical' }
        @{ Fixture = 'caps-dacreadsearch'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'DAC_READ_SEARCH' }
        @{ Fixture = 'caps-netadmin'; Rule = 'DH103'; Status = 'Fail'; Severity = 'High'; Evidence = 'NET_ADMIN' }
        @{ Fixture = 'caps-systime'; Rule = 'DH103'; Status = 'Fail'; Severity = 'High'; Evidence = 'SYS_TIME' }
        @{ Fixture = 'caps-wakealarm'; Rule = 'DH103'; Status = 'Fail'; Severity = 'Low'; Evidence = 'WAKE_ALARM' }
        @{ Fixture = 'caps-netbind'; Rule = 'DH103'; Status = 'Pass' }
        @{ Fixture = 'caps-dropsensitive'; Rule = 'DH103'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH103'; Status = 'Pass' }

        @{ Fixture = 'privileged'; Rule = 'DH104'; Status = 'Fail'; Severity = 'Critical' }
        @{ Fixture = 'default'; Rule = 'DH104'; Status = 'Pass' }

        @{ Fixture = 'mount-etc-ro'; Rule = 'DH105'; Status = 'Fail'; Severity = 'High'; Evidence = '/etc', '\bro\b' }
        @{ Fixture = 'mount-procsys'; Rule = 'DH105'; Status = 'Fail'; Severity = 'Critical'; Evidence = '/proc/sys' }
        @{ Fixture = 'mount-root'; Rule = 'DH105'; Status = 'Fail'; Severity = 'Critical' }
        @{ Fixture = 'mount-varrun'; Rule = 'DH105'; Status = 'Fail'; Severity = 'High'; Evidence = '/var/run' }
        @{ Fixture = 'mount-run'; Rule = 'DH105'; Status = 'Fail'; Severity = 'High'; Evidence = '/run' }
        @{ Fixture = 'mount-private'; Rule = 'DH105'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH105'; Status = 'Pass' }

        @{ Fixture = 'docker-sock'; Rule = 'DH106'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'docker\.sock' }
        @{ Fixture = 'mount-varrun'; Rule = 'DH106'; Status = 'Fail'; Severity = 'Critical'; Evidence = '/var/run -> /hostrun' }
        @{ Fixture = 'mount-run'; Rule = 'DH106'; Status = 'Fail'; Severity = 'Critical'; Evidence = '/run -> /x' }
        @{ Fixture = 'mount-etc-ro'; Rule = 'DH106'; Status = 'Pass' }
        @{ Fixture = 'mount-private'; Rule = 'DH106'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH106'; Status = 'Pass' }

        @{ Fixture = 'dev-rwm'; Rule = 'DH107'; Status = 'Fail'; Severity = 'High'; Evidence = 'rwm' }
        @{ Fixture = 'dev-implicit'; Rule = 'DH107'; Status = 'Fail'; Evidence = 'rwm' }
        @{ Fixture = 'dev-cgrouprule'; Rule = 'DH107'; Status = 'Fail' }
        @{ Fixture = 'dev-rw'; Rule = 'DH107'; Status = 'Warn' }
        @{ Fixture = 'dev-r'; Rule = 'DH107'; Status = 'Pass' }

        @{ Fixture = 'net-host'; Rule = 'DH108'; Status = 'Fail'; Severity = 'Critical' }
        @{ Fixture = 'net-join-host'; Rule = 'DH108'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'joins dh-test-.*-net-host\b' }
        @{ Fixture = 'net-join-chain'; Rule = 'DH108'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'net-join-host -> dh-test-.*-net-host\b' }
        @{ Fixture = 'net-join-bridge'; Rule = 'DH108'; Status = 'Pass'; Evidence = 'joins dh-test-.*-hardened' }
        @{ Fixture = 'hardened'; Rule = 'DH108'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH109'; Status = 'Fail'; Severity = 'Medium' }
        @{ Fixture = 'hardened'; Rule = 'DH109'; Status = 'Pass' }

        @{ Fixture = 'wide-pub'; Rule = 'DH110'; Status = 'Warn'; Severity = 'Low' }
        @{ Fixture = 'pair-pub'; Rule = 'DH110'; Status = 'Pass' }

        @{ Fixture = 'pid-host'; Rule = 'DH111'; Status = 'Fail'; Severity = 'Critical' }
        @{ Fixture = 'pid-container'; Rule = 'DH111'; Status = 'Fail'; Severity = 'High' }
        @{ Fixture = 'pid-join-host'; Rule = 'DH111'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'pid-host' }
        @{ Fixture = 'hardened'; Rule = 'DH111'; Status = 'Pass' }

        @{ Fixture = 'ipc-host'; Rule = 'DH112'; Status = 'Fail'; Severity = 'Critical' }
        @{ Fixture = 'ipc-container'; Rule = 'DH112'; Status = 'Fail'; Severity = 'High' }
        @{ Fixture = 'ipc-join-host'; Rule = 'DH112'; Status = 'Fail'; Severity = 'Critical'; Evidence = 'ipc-host' }
        @{ Fixture = 'ipc-shareable'; Rule = 'DH112'; Status = 'Pass' }
        @{ Fixture = 'ipc-none'; Rule = 'DH112'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH112'; Status = 'Pass' }

        @{ Fixture = 'uts-host'; Rule = 'DH113'; Status = 'Fail'; Severity = 'Medium' }
        @{ Fixture = 'hardened'; Rule = 'DH113'; Status = 'Pass' }

        @{ Fixture = 'hardened'; Rule = 'DH114'; Status = 'Pass' }

        @{ Fixture = 'cgroup-parent'; Rule = 'DH115'; Status = 'Fail'; Severity = 'Medium' }
        @{ Fixture = 'hardened'; Rule = 'DH115'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH116'; Status = 'Fail'; Severity = 'High' }
        @{ Fixture = 'mem-only'; Rule = 'DH116'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH116'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH117'; Status = 'Fail' }
        @{ Fixture = 'mem-swap-unlimited'; Rule = 'DH117'; Status = 'Fail'; Severity = 'Medium' }
        @{ Fixture = 'mem-only'; Rule = 'DH117'; Status = 'Warn' }
        @{ Fixture = 'hardened'; Rule = 'DH117'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH118'; Status = 'Fail' }
        @{ Fixture = 'cpu-shares'; Rule = 'DH118'; Status = 'Fail'; Severity = 'Medium' }
        @{ Fixture = 'cpu-quota'; Rule = 'DH118'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH118'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH119'; Status = 'Fail'; Severity = 'Medium' }
        @{ Fixture = 'hardened'; Rule = 'DH119'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH121'; Status = 'Fail'; Severity = 'Medium' }
        @{ Fixture = 'pids-unlimited'; Rule = 'DH121'; Status = 'Fail' }
        @{ Fixture = 'hardened'; Rule = 'DH121'; Status = 'Pass' }

        @{ Fixture = 'nnp-true'; Rule = 'DH122'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH122'; Status = 'Pass' }

        @{ Fixture = 'seccomp-unconfined'; Rule = 'DH123'; Status = 'Fail'; Severity = 'High' }
        @{ Fixture = 'seccomp-colon'; Rule = 'DH123'; Status = 'Fail' }
        @{ Fixture = 'hardened'; Rule = 'DH123'; Status = 'Pass' }

        @{ Fixture = 'label-disable'; Rule = 'DH132'; Status = 'Fail'; Severity = 'High'; Evidence = 'label=disable' }
        @{ Fixture = 'label-disable-colon'; Rule = 'DH132'; Status = 'Fail' }
        @{ Fixture = 'label-level'; Rule = 'DH132'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH132'; Status = 'Pass' }

        @{ Fixture = 'log-none'; Rule = 'DH125'; Status = 'Fail'; Severity = 'Medium' }
        @{ Fixture = 'log-json'; Rule = 'DH125'; Status = 'Warn' }
        @{ Fixture = 'hardened'; Rule = 'DH125'; Status = 'Pass' }

        @{ Fixture = 'port-all'; Rule = 'DH126'; Status = 'Warn'; Severity = 'Low'; Evidence = '18126' }
        @{ Fixture = 'port-low'; Rule = 'DH126'; Status = 'Pass' }
        @{ Fixture = 'port-loopback'; Rule = 'DH126'; Status = 'Pass' }

        # CIS 5.8 on its own id: a privileged host port, whatever the interface.
        @{ Fixture = 'port-low'; Rule = 'DH133'; Status = 'Warn'; Severity = 'Low'; Evidence = '127\.0\.0\.1:80->80' }
        @{ Fixture = 'port-all'; Rule = 'DH133'; Status = 'Pass' }
        @{ Fixture = 'port-loopback'; Rule = 'DH133'; Status = 'Pass' }

        @{ Fixture = 'prop-rshared'; Rule = 'DH127'; Status = 'Fail'; Severity = 'Medium'; Evidence = 'rshared' }
        @{ Fixture = 'prop-shared'; Rule = 'DH127'; Status = 'Fail' }
        @{ Fixture = 'mount-private'; Rule = 'DH127'; Status = 'Pass' }

        @{ Fixture = 'default'; Rule = 'DH128'; Status = 'Fail'; Severity = 'Low' }
        @{ Fixture = 'health-disabled'; Rule = 'DH128'; Status = 'Fail' }
        @{ Fixture = 'health-image'; Rule = 'DH128'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH128'; Status = 'Pass' }

        @{ Fixture = 'restart-always'; Rule = 'DH129'; Status = 'Fail'; Severity = 'Low' }
        @{ Fixture = 'restart-unless'; Rule = 'DH129'; Status = 'Fail' }
        @{ Fixture = 'restart-many'; Rule = 'DH129'; Status = 'Fail' }
        @{ Fixture = 'hardened'; Rule = 'DH129'; Status = 'Pass' }

        @{ Fixture = 'env-secret'; Rule = 'DH130'; Status = 'Fail'; Severity = 'High'; Evidence = 'DB_PASSWORD' }
        @{ Fixture = 'env-token'; Rule = 'DH130'; Status = 'Fail'; Evidence = 'GITHUB_TOKEN' }
        @{ Fixture = 'env-benign'; Rule = 'DH130'; Status = 'Pass' }
        @{ Fixture = 'hardened'; Rule = 'DH130'; Status = 'Pass' }

        @{ Fixture = 'image-latest'; Rule = 'DH131'; Status = 'Fail'; Severity = 'Info'; Evidence = 'latest' }
        @{ Fixture = 'image-untagged'; Rule = 'DH131'; Status = 'Fail' }
        @{ Fixture = 'hardened'; Rule = 'DH131'; Status = 'Pass' }
    )
    foreach ($case in $script:RuleCases) {
        foreach ($key in 'Severity', 'Evidence') { if (-not $case.ContainsKey($key)) { $case[$key] = $null } }
    }
}

Describe 'Get-ContainerHardening on a real engine' -Tag 'Docker', 'Integration' -ForEach @(
    @{ FixtureSpec = $script:FixtureSpec }
) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
        $modulePath = Get-ModuleUnderTest
        Import-Module $modulePath -Force

        $Endpoint = Initialize-TestEngine
        $Images = Initialize-TestImage
        $Facts = Get-TestEngineFact
        $RunId = Get-TestRunId
        $Prefix = "dh-test-$RunId-"
        $AllRuleIds = @(101..131) + 133 | ForEach-Object { "DH$_" }
        $ScratchDir = Join-Path ([IO.Path]::GetTempPath()) "dh-test-$RunId"
        New-Item -ItemType Directory -Force -Path $ScratchDir | Out-Null

        # Networks first, then fixtures in order (a fixture may name an earlier one).
        $Networks = @{}
        $Names = @{}
        foreach ($spec in $FixtureSpec) {
            $createArgs = if ($spec.ContainsKey('Hardened')) {
                if (-not $Networks.ContainsKey('hardened')) { $Networks['hardened'] = New-TestNetwork 'hardened' }
                Get-HardenedArgument -Network $Networks['hardened']
            }
            else { @($spec['Args']) | Where-Object { $null -ne $_ } }
            $createArgs = @(foreach ($arg in $createArgs) {
                    $arg -replace '\{(net|ctr):([^}]+)\}|\{dir\}', {
                        $m = $_  # inside switch, $_ is the switch value
                        switch ($m.Groups[1].Value) {
                            'net' {
                                $key = $m.Groups[2].Value
                                if (-not $Networks.ContainsKey($key)) { $Networks[$key] = New-TestNetwork $key }
                                $Networks[$key]
                            }
                            'ctr' { $Names[$m.Groups[2].Value] }
                            default { $ScratchDir }
                        }
                    }
                })
            if ($spec.ContainsKey('Group')) { $createArgs += @('--label', "dockerharden.group=$($spec.Group)") }
            $image = if ($spec.ContainsKey('Image')) { $Images.($spec.Image) } else { $Images.Pinned }
            $Names[$spec.Name] = New-TestContainer -Name $spec.Name -Arguments $createArgs -Image $image `
                -Start:([bool]$spec['Start'])
        }

        # The one audit every rule test reads. -All: most fixtures are created, not running.
        $AuditErrors = $null
        $Audit = @(Get-ContainerHardening -Name "$Prefix*" -All -ErrorVariable AuditErrors)
        $Reports = @{}
        foreach ($report in $Audit) { $Reports[$report.Name] = $report }

        function Get-Report([string] $Fixture) {
            $name = $Names[$Fixture]
            if (-not $name) { throw "No fixture '$Fixture'." }
            $Reports[$name]
        }
        function Get-Finding([string] $Fixture, [string] $RuleId) {
            $report = Get-Report $Fixture
            if (-not $report) { return $null }
            @($report.Findings | Where-Object RuleId -EQ $RuleId)
        }
        function Format-Finding($Finding) {
            ($Finding | ForEach-Object { "$($_.RuleId) $($_.Status) [$($_.Severity)] $($_.Evidence)" }) -join '; '
        }
    }

    AfterAll {
        if (Get-Command Remove-TestContainers -ErrorAction SilentlyContinue) { Remove-TestContainers }
        if ($ScratchDir) { Remove-Item -LiteralPath $ScratchDir -Recurse -Force -ErrorAction SilentlyContinue }
    }

    Context 'the audit of all fixtures' {
        It 'raises no error' {
            @($AuditErrors) | Should -HaveCount 0
        }

        It 'returns exactly one report per fixture' {
            $Audit.Name | Sort-Object | Should -Be ($Names.Values | Sort-Object)
        }

        It 'names each report without a leading slash and with its full id, image and state' {
            foreach ($spec in $FixtureSpec) {
                $report = Get-Report $spec.Name
                $report.Name | Should -Be $Names[$spec.Name]
                $report.Name | Should -Not -Match '^/'
                $inspect = (Invoke-Docker @('inspect', '--format', '{{.Id}} {{.State.Status}} {{.Config.Image}}', $report.Name)) -split ' '
                $report.ContainerId | Should -Be $inspect[0]
                $report.State | Should -Be $inspect[1]
                $report.Image | Should -Be $inspect[2]
                $report.DockerHost | Should -Not -BeNullOrEmpty
            }
        }

        It 'evaluates every rule DH101..DH133 exactly once per container' {
            foreach ($report in $Audit) {
                $ids = @($report.Findings.RuleId)
                $ids | Group-Object | Where-Object Count -GT 1 | ForEach-Object Name | Should -BeNullOrEmpty -Because $report.Name
                foreach ($id in $AllRuleIds) { $ids | Should -Contain $id -Because $report.Name }
            }
        }

        It 'fills every finding (severity, remediation, ids) and explains every NotApplicable' {
            foreach ($f in $Audit.Findings) {
                $f.Status | Should -BeIn 'Pass', 'Fail', 'Warn', 'NotApplicable', 'Waived'
                $f.Severity | Should -BeIn 'Info', 'Low', 'Medium', 'High', 'Critical'
                $f.Name | Should -Not -BeNullOrEmpty
                $f.Title | Should -Not -BeNullOrEmpty
                $f.Remediation | Should -Not -BeNullOrEmpty -Because "$($f.RuleId) on $($f.Target)"
                if ("$($f.Status)" -in 'Fail', 'Warn', 'NotApplicable') {
                    $f.Evidence | Should -Not -BeNullOrEmpty -Because "$($f.RuleId) $($f.Status) on $($f.Target)"
                }
            }
        }

        It 'keeps Score in 0..100 and consistent with the findings and counts' {
            foreach ($report in $Audit) {
                $pass = @($report.Findings | Where-Object Status -EQ 'Pass').Count
                $fail = @($report.Findings | Where-Object Status -EQ 'Fail').Count
                $warn = @($report.Findings | Where-Object Status -EQ 'Warn').Count
                $report.Score | Should -BeGreaterOrEqual 0
                $report.Score | Should -BeLessOrEqual 100
                $report.FailCount | Should -Be $fail -Because $report.Name
                $report.WarnCount | Should -Be $warn -Because $report.Name
                $expected = 100.0 * $pass / ($pass + $fail + 0.5 * $warn)
                [math]::Abs($report.Score - $expected) | Should -BeLessOrEqual 0.1 -Because "$($report.Name) scored $($report.Score)"
            }
        }
    }

    Context 'each rule against a container that breaks it and one that meets it' {
        It '<Rule> is <Status> for <Fixture>' -ForEach $RuleCases {
            $finding = Get-Finding $Fixture $Rule
            $finding | Should -HaveCount 1 -Because "the report of $Fixture must hold one $Rule finding"
            "$($finding.Status)" | Should -Be $Status -Because (Format-Finding $finding)
            if ($Severity) {
                "$($finding.Severity)" | Should -Be $Severity -Because (Format-Finding $finding)
            }
            foreach ($pattern in @($Evidence | Where-Object { $_ })) {
                $finding.Evidence | Should -Match $pattern -Because (Format-Finding $finding)
            }
        }
    }

    Context 'namespace joins to containers outside the audited set' {
        It 'follows --network and --pid container:X to X although only the joining container is audited' {
            $net = Get-ContainerHardening -Name $Names['net-join-chain'] -All -Rule DH108
            $net | Should -HaveCount 1
            $finding = $net.Findings | Where-Object RuleId -EQ 'DH108'
            "$($finding.Status) $($finding.Severity)" | Should -Be 'Fail Critical' -Because (Format-Finding $finding)
            $pidAudit = Get-ContainerHardening -Name $Names['pid-join-host'] -All -Rule DH111
            "$(($pidAudit.Findings | Where-Object RuleId -EQ 'DH111').Severity)" | Should -Be 'Critical'
        }
    }

    Context 'host-dependent rules' {
        It 'DH114 flags --userns host (Warn without userns-remap, Fail with it)' {
            $finding = Get-Finding 'userns-host' 'DH114'
            $expected = if ($Facts.UsernsRemap) { 'Fail' } else { 'Warn' }
            "$($finding.Status)" | Should -Be $expected -Because (Format-Finding $finding)
            "$($finding.Severity)" | Should -Be 'Medium'
        }

        It 'DH120 is NotApplicable with the reason when overlay2 cannot enforce a quota' {
            if (-not ($Facts.StorageDriver -eq 'overlay2' -and $Facts.BackingFilesystem -ne 'xfs')) {
                Set-ItResult -Skipped -Because "storage is $($Facts.StorageDriver) on $($Facts.BackingFilesystem)"
                return
            }
            foreach ($fixture in 'hardened', 'default') {
                $finding = Get-Finding $fixture 'DH120'
                "$($finding.Status)" | Should -Be 'NotApplicable' -Because (Format-Finding $finding)
                $finding.Evidence | Should -Match 'overlay|xfs|pquota|quota' -Because 'NotApplicable must say why'
            }
        }

        It 'DH122 fails without no-new-privileges unless the daemon sets it by default' {
            $finding = Get-Finding 'default' 'DH122'
            $expected = if ($Facts.NoNewPrivilegesDefault) { 'Pass' } else { 'Fail' }
            "$($finding.Status)" | Should -Be $expected -Because (Format-Finding $finding)
            if ($expected -eq 'Fail') { "$($finding.Severity)" | Should -Be 'High' }
        }

        It 'DH124 is NotApplicable with the reason on a kernel without AppArmor, else judges the profile' {
            if (-not $Facts.IsLocal) {
                Set-ItResult -Skipped -Because "the engine at $($Facts.Endpoint) is remote: its kernel is unknown here"
                return
            }
            if ($Facts.AppArmor) {
                "$((Get-Finding 'apparmor-unconfined' 'DH124').Status)" | Should -Be 'Fail'
                "$((Get-Finding 'hardened' 'DH124').Status)" | Should -Be 'Pass'
            }
            else {
                foreach ($fixture in 'hardened', 'apparmor-unconfined') {
                    $finding = Get-Finding $fixture 'DH124'
                    "$($finding.Status)" | Should -Be 'NotApplicable' -Because (Format-Finding $finding)
                    $finding.Evidence | Should -Match 'AppArmor' -Because 'NotApplicable must say why'
                }
            }
        }
    }

    Context 'fleet and whole-report behaviour' {
        It 'does not warn DH110 for containers that publish nothing' {
            foreach ($fixture in 'wide-peer1', 'wide-peer2', 'pair-peer') {
                $finding = Get-Finding $fixture 'DH110'
                "$($finding.Status)" | Should -BeIn 'Pass', 'NotApplicable' -Because (Format-Finding $finding)
            }
        }

        It 'finds no Fail on the fully hardened container' {
            $report = Get-Report 'hardened'
            $report.State | Should -Be 'running'
            $fails = @($report.Findings | Where-Object Status -EQ 'Fail')
            $fails | Should -HaveCount 0 -Because (Format-Finding $fails)
            $report.FailCount | Should -Be 0
            $report.Compliant | Should -BeTrue
        }

        It 'never puts a secret value in the report' {
            foreach ($fixture in 'env-secret', 'env-token') {
                $json = Get-Report $fixture | ConvertTo-Json -Depth 5
                $json | Should -Not -BeNullOrEmpty
                $json | Should -Not -Match 'hunter2'
            }
        }

        It 'is not Compliant with a High failure, and -FailOn moves the bar and gates the run' {
            (Get-Report 'default').Compliant | Should -BeFalse
            # Every report is written before the gate, a non-terminating error after the output.
            $critical = Get-ContainerHardening -Name $Names['default'], $Names['privileged'] -All -FailOn Critical -ErrorVariable gate -ErrorAction SilentlyContinue
            ($critical | Where-Object Name -EQ $Names['default']).Compliant | Should -BeTrue
            ($critical | Where-Object Name -EQ $Names['privileged']).Compliant | Should -BeFalse
            $gate.FullyQualifiedErrorId | Should -BeLike 'HardeningThresholdExceeded*'
            $gate.Exception.Message | Should -Match "$([regex]::Escape($Names['privileged'])) \((DH\d+, )*DH104[,)]"
            $gate.Exception.Message | Should -Not -Match ([regex]::Escape($Names['default']))
        }
    }

    Context 'selecting containers' {
        It 'without -All audits running containers only' {
            $running = @(Get-ContainerHardening -Name "$Prefix*")
            $expected = @($FixtureSpec | Where-Object { $_['Start'] } | ForEach-Object { $Names[$_.Name] })
            $running.Name | Sort-Object | Should -Be ($expected | Sort-Object)
            $running.Name | Should -Not -Contain $Names['default']
        }

        It 'with -All includes created containers' {
            $Audit.Name | Should -Contain $Names['default']
            (Get-Report 'default').State | Should -Be 'created'
        }

        It 'expands wildcards in -Name' {
            $got = @(Get-ContainerHardening -Name "${Prefix}dev-*" -All)
            $expected = @($FixtureSpec | Where-Object Name -Like 'dev-*' | ForEach-Object { $Names[$_.Name] })
            $got.Name | Sort-Object | Should -Be ($expected | Sort-Object)
        }

        It 'accepts a full container id and a short one' {
            $id = (Get-Report 'hardened').ContainerId
            $id | Should -Not -BeNullOrEmpty
            @(Get-ContainerHardening -Name $id).Name | Should -Be $Names['hardened']
            @(Get-ContainerHardening -Name $id.Substring(0, 12)).Name | Should -Be $Names['hardened']
        }

        It 'takes containers from docker ps JSON on the pipeline' {
            $rows = @(Invoke-Docker @('ps', '-a', '--filter', "label=dockerharden.group=caps",
                    '--filter', "label=dockerharden.run=$RunId", '--format', '{{json .}}') | ConvertFrom-Json)
            $rows | Should -Not -BeNullOrEmpty
            $got = @($rows | Get-ContainerHardening -All)
            $got.Name | Sort-Object | Should -Be ($rows.Names | Sort-Object)
        }

        It 'takes its own reports on the pipeline' {
            $got = @(Get-Report 'hardened' | Get-ContainerHardening)
            $got.Name | Should -Be $Names['hardened']
        }

        It 'filters by -Label' {
            $got = @(Get-ContainerHardening -All -Label 'dockerharden.group=dev', "dockerharden.run=$RunId")
            $expected = @($FixtureSpec | Where-Object { $_['Group'] -eq 'dev' } | ForEach-Object { $Names[$_.Name] })
            $got.Name | Sort-Object | Should -Be ($expected | Sort-Object)
        }

        It 'writes ContainerNotFound for an unknown name and still audits the others' {
            $errs = $null
            $got = @(Get-ContainerHardening -Name "${Prefix}no-such-container", $Names['hardened'] `
                    -ErrorVariable errs -ErrorAction SilentlyContinue)
            $got.Name | Should -Be $Names['hardened']
            @($errs) | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'ContainerNotFound*'
            "$($errs[0])" | Should -Match ([regex]::Escape("${Prefix}no-such-container"))
        }

        It 'returns nothing and no error for a wildcard that matches nothing' {
            $errs = $null
            $got = @(Get-ContainerHardening -Name "${Prefix}zz-nothing-*" -All -ErrorVariable errs -ErrorAction SilentlyContinue)
            $got | Should -HaveCount 0
            @($errs) | Should -HaveCount 0
        }

        It 'audits the engine named by -DockerHost' {
            $got = @(Get-ContainerHardening -DockerHost $Endpoint -Name $Names['hardened'])
            $got.Name | Should -Be $Names['hardened']
        }
    }

    Context 'selecting rules' {
        It '-Rule DH10* limits the findings to DH101..DH109' {
            $got = Get-ContainerHardening -Name $Names['default'] -All -Rule 'DH10*'
            $got.Findings.RuleId | Sort-Object | Should -Be (101..109 | ForEach-Object { "DH$_" })
        }

        It '-Rule takes exact ids' {
            $got = Get-ContainerHardening -Name $Names['default'] -All -Rule 'DH101', 'DH131'
            $got.Findings.RuleId | Sort-Object | Should -Be 'DH101', 'DH131'
        }

        It '-ExcludeRule removes exact ids and wildcards' {
            $got = Get-ContainerHardening -Name $Names['default'] -All -ExcludeRule 'DH131', 'DH12*'
            $ids = @($got.Findings.RuleId)
            $ids | Should -Not -Contain 'DH131'
            @($ids | Where-Object { $_ -like 'DH12*' }) | Should -HaveCount 0
            $ids | Should -Contain 'DH101'
            $ids | Should -Contain 'DH119'
            $ids | Should -Contain 'DH130'
        }
    }

    Context 'an unreachable engine' {
        It 'throws DockerDaemonUnreachable naming <Address>' -ForEach @(
            @{ Address = 'unix:///nonexistent.sock' }
            @{ Address = 'tcp://127.0.0.1:1' }
        ) {
            $caught = $null
            try { $null = Get-ContainerHardening -DockerHost $Address -All -ErrorAction Stop }
            catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty -Because 'an unreachable engine must be a terminating error'
            $caught.FullyQualifiedErrorId | Should -BeLike 'DockerDaemonUnreachable*'
            $caught.Exception.Message | Should -Match ([regex]::Escape(($Address -replace '^\w+://', '')))
        }
    }
}
