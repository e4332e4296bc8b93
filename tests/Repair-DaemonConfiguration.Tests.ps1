#Requires -Version 7.2
# Real-engine tests of Repair-DaemonConfiguration: a weak throwaway dockerd (ThrowawayDaemon.psm1) is audited,
# its daemon.json repaired from the report, the daemon restarted by the test on the result and audited again.
# The module under test comes from $env:DOCKERHARDEN_MODULE (a .psd1), else out/DockerHarden/DockerHarden.psd1.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
param()

Describe 'Repair-DaemonConfiguration against a throwaway daemon' -Tag 'Docker', 'Integration', 'Daemon' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'ThrowawayDaemon.psm1') -Force
        $modulePath = Initialize-DaemonSuite -TestRoot $PSScriptRoot

        $Scratch = Get-ThrowawayDirectory
        $AllowAll = Join-Path $Scratch 'allow-all.json'
        Set-Content -LiteralPath $AllowAll -Value '{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]}'
        # Keys the repair does not own come first and last, so that their order is visible.
        $WeakText = @"
{
  "debug": true,
  "labels": ["dh.test=repair"],
  "insecure-registries": ["10.9.8.7:5000", "127.0.0.1:5000"],
  "experimental": true,
  "cgroup-parent": "/dh-repair-parent",
  "seccomp-profile": "$AllowAll",
  "max-concurrent-downloads": 2
}
"@
        $Daemon = New-ThrowawayDaemon -Name repair -Config $WeakText -Start
        Wait-ThrowawayDaemon $Daemon
        & chmod 0640 $Daemon.ConfigPath
        $Before = Test-DaemonHardening -DockerHost $Daemon.Endpoint
        $Fixed = 'DH004', 'DH006', 'DH009', 'DH011', 'DH012', 'DH014', 'DH015', 'DH016', 'DH017', 'DH020'
        $LogOption = @{ 'syslog-address' = 'udp://192.0.2.10:514' }

        $Result = $Before | Repair-DaemonConfiguration -LogDriver syslog -LogOption $LogOption -Restart -Confirm:$false `
            -ErrorVariable RepairErrors -ErrorAction SilentlyContinue -WarningVariable RepairWarnings -WarningAction SilentlyContinue
        $Written = Get-Content -Raw -LiteralPath $Daemon.ConfigPath

        # The round trip: the test restarts the daemon itself (it is not a systemd unit) and audits it again.
        Stop-ThrowawayDaemon $Daemon
        Start-ThrowawayDaemon $Daemon
        Wait-ThrowawayDaemon $Daemon
        $After = Test-DaemonHardening -DockerHost $Daemon.Endpoint
        $Again = $After | Repair-DaemonConfiguration -LogDriver syslog -LogOption $LogOption -Confirm:$false
    }

    AfterAll {
        if (Get-Command Complete-DaemonSuite -ErrorAction SilentlyContinue) { Complete-DaemonSuite }
    }

    Context 'the first repair' {
        It 'starts from a daemon that fails every rule it fixes' {
            foreach ($id in $Fixed) {
                "$(($Before.Findings | Where-Object RuleId -EQ $id).Status)" | Should -BeIn 'Fail', 'Warn' -Because $id
            }
        }

        It 'binds the report by property name and writes the file that daemon reads' {
            $Result | Should -BeOfType ([DockerHarden.Models.DaemonRepairResult])
            $Result.Path | Should -Be $Daemon.ConfigPath
            $Result.DockerHost | Should -Be $Daemon.Endpoint
            $Result.Applied | Should -BeTrue
        }

        It 'reports each change with its rule, key, before and after' {
            $byKey = @{}
            foreach ($c in $Result.Changes) { $byKey[$c.Key] = $c }
            $byKey['bridge'].After | Should -Be '"none"'
            $byKey['bridge'].Before | Should -BeNullOrEmpty
            $byKey['userns-remap'].After | Should -Be '"default"'
            $byKey['cgroup-parent'].Before | Should -Be '"/dh-repair-parent"'
            $byKey['cgroup-parent'].After | Should -BeNullOrEmpty
            $byKey['log-driver'].After | Should -Be '"syslog"'
            $byKey['log-opts'].After | Should -Be '{"syslog-address":"udp://192.0.2.10:514"}'
            $byKey['seccomp-profile'].RuleId | Should -Be 'DH012'
            $byKey['no-new-privileges'].After | Should -Be 'true'
            $byKey['live-restore'].After | Should -Be 'true'
            $byKey['userland-proxy'].After | Should -Be 'false'
            $byKey['insecure-registries'].After | Should -Be '["127.0.0.1:5000"]'
            $byKey['experimental'].After | Should -BeNullOrEmpty
            $byKey.ContainsKey('icc') | Should -BeFalse -Because 'bridge none makes icc meaningless'
            @($Result.Changes.RuleId | Sort-Object -Unique) | Should -Be ($Fixed | Sort-Object)
        }

        It 'keeps the keys it does not own, with their values and order' {
            $keys = @(($Written | ConvertFrom-Json -AsHashtable -Depth 5).Keys)
            # ConvertFrom-Json -AsHashtable keeps document order in an ordered dictionary.
            $keys[0..2] | Should -Be @('debug', 'labels', 'insecure-registries')
            $keys | Should -Contain 'max-concurrent-downloads'
            $keys.IndexOf('max-concurrent-downloads') | Should -BeLessThan $keys.IndexOf('bridge')
            $json = $Written | ConvertFrom-Json
            $json.debug | Should -BeTrue
            $json.labels | Should -Be @('dh.test=repair')
            $json.'max-concurrent-downloads' | Should -Be 2
        }

        It 'keeps a timestamped backup of the original beside the file' {
            $Result.BackupPath | Should -Match ([regex]::Escape($Daemon.ConfigPath) + '\.\d{8}-\d{6}(-\d+)?\.bak$')
            Get-Content -Raw -LiteralPath $Result.BackupPath | Should -Be $WeakText
        }

        It 'writes atomically with the same owner and mode' {
            (& stat -c '%U:%G %a' $Daemon.ConfigPath) | Should -Be 'root:root 640'
            @(Get-ChildItem -LiteralPath $Daemon.Root -Filter '.daemon.json.*.tmp' -Force) | Should -HaveCount 0
        }

        It 'warns that userns-remap moves the images' {
            ($RepairWarnings | Out-String) | Should -Match 'userns-remap.*not visible'
            $Result.Warnings -join ' ' | Should -Match 'userns-remap'
        }

        It 'does not restart a daemon systemd does not manage, says so, and says how' {
            $RepairErrors | Should -HaveCount 1
            $RepairErrors[0].FullyQualifiedErrorId | Should -BeLike 'DaemonRestartFailed,*'
            "$($RepairErrors[0])" | Should -Match 'not managed by systemd'
            "$($RepairErrors[0])" | Should -Match 'SIGHUP is not enough'
            $Result.Restarted | Should -BeFalse
            $Result.RestartRequired | Should -BeTrue
            ($Result.Notes -join ' ') | Should -Match ([regex]::Escape("--config-file $($Daemon.ConfigPath)"))
        }
    }

    Context 'the round trip' {
        It 'starts a daemon on the repaired file that passes every repaired rule' {
            foreach ($id in $Fixed) {
                $f = $After.Findings | Where-Object RuleId -EQ $id
                "$($f.Status)" | Should -Be 'Pass' -Because "$id after the repair: $($f.Evidence)"
            }
            "$(($After.Findings | Where-Object RuleId -EQ 'DH005').Status)" | Should -Be 'NotApplicable'
            $After.Score | Should -BeGreaterThan $Before.Score
        }

        It 'changes nothing the second time' {
            $Again.Changes | Should -HaveCount 0
            $Again.Applied | Should -BeFalse
            $Again.RestartRequired | Should -BeFalse
            $Again.BackupPath | Should -BeNullOrEmpty
            Get-Content -Raw -LiteralPath $Daemon.ConfigPath | Should -Be $Written
            @(Get-ChildItem -LiteralPath $Daemon.Root -Filter 'daemon.json.*.bak') | Should -HaveCount 1
        }
    }

    Context 'files on their own' {
        BeforeEach {
            $File = Join-Path $Scratch "case-$([Guid]::NewGuid().ToString('N').Substring(0, 6)).json"
        }

        It '-WhatIf changes nothing and writes no backup, yet lists what it would change' {
            Set-Content -LiteralPath $File -Value '{ "icc": true }' -NoNewline
            $r = Repair-DaemonConfiguration -Path $File -WhatIf -WarningAction SilentlyContinue
            Get-Content -Raw -LiteralPath $File | Should -Be '{ "icc": true }'
            @(Get-ChildItem -LiteralPath $Scratch -Filter "$([IO.Path]::GetFileName($File)).*.bak") | Should -HaveCount 0
            $r.Applied | Should -BeFalse
            @($r.Changes.Key) | Should -Contain 'no-new-privileges'
        }

        It 'refuses a file it cannot parse, naming line and column, and leaves it untouched' {
            $bad = "{`n  `"icc`": false,`n  `"bridge`" `"none`"`n}"
            Set-Content -LiteralPath $File -Value $bad -NoNewline
            $r = Repair-DaemonConfiguration -Path $File -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'DaemonConfigInvalid,*'
            "$($errs[0].CategoryInfo.Category)" | Should -Be 'ParserError'
            "$($errs[0])" | Should -Match ([regex]::Escape("${File}:3:12"))
            Get-Content -Raw -LiteralPath $File | Should -Be $bad
        }

        It 'refuses <Case>, naming file, line and column, and leaves it untouched' -ForEach @(
            @{ Case = 'a duplicate key'; Text = "{`n  `"debug`": true,`n  `"debug`": false`n}"; At = ':3:3:'; Says = 'set again here' }
            @{ Case = 'a value dockerd refuses ("icc": "yes")'; Text = "{`n  `"icc`": `"yes`"`n}"; At = ':2:3:'; Says = '"icc" must be a boolean' }
            @{ Case = 'a string insecure-registries'; Text = '{"insecure-registries": "10.0.0.1:5000"}'; At = ':1:2:'; Says = 'must be an array of strings' }
            @{ Case = 'an empty file'; Text = ''; At = ':1:1:'; Says = 'empty' }
            @{ Case = 'a key dockerd ignores'; Text = '{"insecure-registry": ["10.0.0.1:5000"]}'; At = ':1:2:'; Says = 'ignores it' }
        ) {
            [IO.File]::WriteAllText($File, $Text)
            $r = Repair-DaemonConfiguration -Path $File -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
            $r | Should -BeNullOrEmpty
            $errs | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -BeLike 'DaemonConfigInvalid,*'
            "$($errs[0])" | Should -Match ([regex]::Escape("$File$At"))
            "$($errs[0])" | Should -Match ([regex]::Escape($Says))
            "$($errs[0])" | Should -Not -Match 'Exception|An item with the same key'
            [IO.File]::ReadAllText($File) | Should -Be $Text
            @(Get-ChildItem -LiteralPath $Scratch -Filter "$([IO.Path]::GetFileName($File)).*.bak") | Should -HaveCount 0
        }

        It 'writes only files dockerd loads: a dockerd starts on each repaired file and DH021 passes there (<Case>)' -ForEach @(
            @{ Case = 'null'; Text = 'null' }
            @{ Case = 'nested values it does not own'; Text = '{"log-opts": {"max-size": "10m"}, "default-address-pools": [{"base": "10.123.0.0/16", "size": 24}], "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}}, "features": {"buildkit": true}}' }
            @{ Case = 'escapes and non-ASCII text'; Text = "{`"labels`": [`"owner=J\u00f6rg`", `"note=caf$([char]0xe9)`"], `"ic\u0063`": true, `"experimental`": true}" }
            @{ Case = 'insecure registries to keep and drop'; Text = '{"insecure-registries": ["127.0.0.1:5000", "10.9.8.7:5000"], "cgroup-parent": "/dh-rt", "shutdown-timeout": 20}' }
        ) {
            [IO.File]::WriteAllText($File, $Text)
            # DH006 (userns-remap) is left to the round trip above: it moves the storage and needs dockremap.
            $r = Repair-DaemonConfiguration -Path $File -ExcludeRule DH006 -LogDriver syslog -LogOption @{ 'syslog-address' = 'udp://192.0.2.10:514' } `
                -Confirm:$false -ErrorAction Stop -WarningAction SilentlyContinue
            $r.Applied | Should -BeTrue
            $name = "rt$([Guid]::NewGuid().ToString('N').Substring(0, 6))"
            $d = New-ThrowawayDaemon -Name $name -Config ([IO.File]::ReadAllText($File))
            try {
                Start-ThrowawayDaemon $d
                { Wait-ThrowawayDaemon $d } | Should -Not -Throw -Because "dockerd must load the repaired file:`n$([IO.File]::ReadAllText($File))"
                $f = (Test-DaemonHardening -DockerHost $d.Endpoint -Rule DH021).Findings
                "$($f.Status)" | Should -Be 'Pass' -Because $f.Evidence
            }
            finally { Remove-ThrowawayDaemon $d }
        }

        It 'skips DH011 without -LogDriver and -LogOption, and says why' {
            Set-Content -LiteralPath $File -Value '{}'
            $r = Repair-DaemonConfiguration -Path $File -Rule DH011, DH015 -Confirm:$false
            @($r.Changes.Key) | Should -Be @('live-restore')
            ($r.Notes -join ' ') | Should -Match 'DH011: skipped.*-LogDriver'
        }

        It 'writes icc false when the bridge stays, and refuses it when iptables is off' {
            Set-Content -LiteralPath $File -Value '{"iptables": false}'
            $r = Repair-DaemonConfiguration -Path $File -Rule DH005 -Confirm:$false -WarningVariable w -WarningAction SilentlyContinue
            $r.Changes | Should -HaveCount 0
            ($w | Out-String) | Should -Match 'needs iptables'
            Set-Content -LiteralPath $File -Value '{}'
            $r = Repair-DaemonConfiguration -Path $File -Rule DH005 -Confirm:$false
            @($r.Changes.Key) | Should -Be @('icc')
            (Get-Content -Raw $File | ConvertFrom-Json).icc | Should -BeFalse
        }

        It 'keeps a timestamped backup by default, like Repair-ComposeFile, and none with -NoBackup' {
            Set-Content -LiteralPath $File -Value '{}' -NoNewline
            $r = Repair-DaemonConfiguration -Path $File -Rule DH015 -Confirm:$false
            $r.BackupPath | Should -Match ([regex]::Escape($File) + '\.\d{8}-\d{6}(-\d+)?\.bak$')
            Get-Content -Raw -LiteralPath $r.BackupPath | Should -Be '{}'
            Set-Content -LiteralPath $File -Value '{}' -NoNewline
            $r = Repair-DaemonConfiguration -Path $File -Rule DH015 -NoBackup -Confirm:$false
            $r.Applied | Should -BeTrue
            $r.BackupPath | Should -BeNullOrEmpty
            @(Get-ChildItem -LiteralPath $Scratch -Filter "$([IO.Path]::GetFileName($File)).*.bak") | Should -HaveCount 1 -Because 'only the first repair kept a copy'
        }

        It 'creates a missing file with mode 0644 and no backup' {
            $r = Repair-DaemonConfiguration -Path $File -Rule DH014 -Confirm:$false
            $r.Applied | Should -BeTrue
            $r.BackupPath | Should -BeNullOrEmpty
            (& stat -c '%a' $File) | Should -Be '644'
            (Get-Content -Raw $File | ConvertFrom-Json).'no-new-privileges' | Should -BeTrue
        }
    }
}
