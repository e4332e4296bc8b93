#Requires -Version 7.2
# Real-engine tests of Get-ServiceHardening: a throwaway dockerd in its own network namespace (ThrowawayDaemon.psm1)
# is made a one-node swarm (never the shared engine: swarm init adds the ingress network and docker_gwbridge), the
# test images are loaded into it with docker save | docker load, and services with weak and hardened task templates
# are created there and audited through its socket.
#
#   weak     root, CAP_SYS_ADMIN, the docker socket bound in, an ingress port on all interfaces, API_TOKEN in Env, no
#            limits, restart any, no healthcheck: running (its task is audited with -IncludeTasks).
#   good     10001:10001, cap-drop ALL, read-only, memory/cpu/pids limits, on-failure:5, a healthcheck, its own overlay.
#   imagehc  no healthcheck in the spec; its image has one (busybox-health).
#   front    publishes a port and shares the overlay "shared" with back1 and back2 (0 replicas: spec only).
#   gone     removed after it was listed (0 replicas).

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own throwaway daemon and its services, and must not be skipped under -WhatIf.')]
param()

Describe 'Get-ServiceHardening against a throwaway swarm' -Tag 'Docker', 'Integration', 'Swarm' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'ThrowawayDaemon.psm1') -Force
        $null = Initialize-DaemonSuite -TestRoot $PSScriptRoot
        $Images = Initialize-TestImage
        $Secret = 'Sup3r-S3cret-' + (Get-Random)
        $Daemon = New-ThrowawayDaemon -Name swarm -Start
        Wait-ThrowawayDaemon $Daemon
        $Ep = $Daemon.Endpoint
        function Invoke-Swarm { & docker -H $Ep @args 2>&1; if ($LASTEXITCODE -ne 0) { throw "docker $args failed" } }
        $null = Invoke-Swarm swarm init --advertise-addr 127.0.0.1
        & docker save $Images.Pinned $Images.Healthcheck | & docker -H $Ep load | Out-Null
        $null = Invoke-Swarm network create -d overlay good-net
        $null = Invoke-Swarm network create -d overlay shared
        $label = @('--label', 'dh.suite=services')
        $null = Invoke-Swarm service create -d --name weak @label --label tier=back -p 8080:80 --env "API_TOKEN=$Secret" `
            --mount 'type=bind,source=/var/run/docker.sock,target=/var/run/docker.sock' --cap-add SYS_ADMIN $Images.Pinned sleep 3600
        $null = Invoke-Swarm service create -d --name good @label --user 10001:10001 --cap-drop ALL --read-only --limit-memory 256m `
            --limit-cpu 1 --limit-pids 100 --restart-condition on-failure --restart-max-attempts 5 --health-cmd true --network good-net `
            $Images.Pinned sleep 3600
        $null = Invoke-Swarm service create -d --name imagehc @label --replicas 0 $Images.Healthcheck
        $null = Invoke-Swarm service create -d --name front @label --label tier=front --replicas 0 -p 8081:80 --network shared $Images.Pinned
        foreach ($b in 'back1', 'back2') { $null = Invoke-Swarm service create -d --name $b @label --replicas 0 --network shared $Images.Pinned }
        $null = Invoke-Swarm service create -d --name gone --replicas 0 $Images.Pinned
        $ServiceRows = @(& docker -H $Ep service ls --format json | ConvertFrom-Json)
        $null = Invoke-Swarm service rm gone
        # weak's one task must be running before its container is audited.
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        do {
            $states = @(& docker -H $Ep service ps weak --filter desired-state=running --format '{{.CurrentState}}')
            if ($states -match '^Running') { break }
            Start-Sleep -Milliseconds 500
        } while ([DateTime]::UtcNow -lt $deadline)
        $ApiVersion = (& docker -H $Ep version --format '{{.Server.APIVersion}}').Trim()

        $AuditErrors = $null
        $Reports = @(Get-ServiceHardening -DockerHost $Ep -Label dh.suite=services -IncludeTasks -ErrorVariable AuditErrors)
        $ByName = @{}
        foreach ($r in $Reports) { $ByName[$r.Name] = $r }
        function Get-Finding([string] $Service, [string] $RuleId) { @($ByName[$Service].Findings | Where-Object RuleId -EQ $RuleId) }
    }

    AfterAll {
        if (Get-Command Complete-DaemonSuite -ErrorAction SilentlyContinue) { Complete-DaemonSuite }
    }

    Context 'the reports' {
        It 'writes one ServiceHardeningReport per labelled service, without errors' {
            @($AuditErrors) | Should -HaveCount 0
            ($Reports.Name | Sort-Object) | Should -Be @('back1', 'back2', 'front', 'good', 'imagehc', 'weak')
            $Reports | ForEach-Object { $_ | Should -BeOfType DockerHarden.Models.ServiceHardeningReport }
            $ByName.weak.DockerHost | Should -Be $Ep
            $ByName.weak.ApiVersion | Should -Be $ApiVersion
            $ByName.weak.Mode | Should -Be 'replicated'
            $ByName.weak.ServiceId | Should -Match '^[a-z0-9]{25}$'
        }

        It 'shows the table view with Mode, score and compliance' {
            $text = $Reports | Out-String -Width 80
            $text | Should -Match 'Name\s+Mode\s+Score\s+Fails\s+Warns\s+Worst\s+Compliant\s+Image'
            $text | Should -Match 'weak\s+replicated'
        }
    }

    Context 'the weak service' {
        It '<Rule> is <Status><Extra>' -ForEach @(
            @{ Rule = 'DH101'; Status = 'Fail'; Key = 'Spec.TaskTemplate.ContainerSpec.User'; Evidence = 'sets no USER'; Extra = ' (the image decides)' }
            @{ Rule = 'DH102'; Status = 'Fail'; Key = 'Spec.TaskTemplate.ContainerSpec.CapabilityDrop'; Evidence = 'lacks ALL'; Extra = '' }
            @{ Rule = 'DH103'; Status = 'Fail'; Key = 'Spec.TaskTemplate.ContainerSpec.CapabilityAdd'; Evidence = 'SYS_ADMIN'; Extra = '' }
            @{ Rule = 'DH106'; Status = 'Fail'; Key = 'Spec.TaskTemplate.ContainerSpec.Mounts'; Evidence = 'docker\.sock'; Extra = '' }
            @{ Rule = 'DH116'; Status = 'Fail'; Key = 'Spec.TaskTemplate.Resources.Limits.MemoryBytes'; Evidence = 'no memory limit'; Extra = '' }
            @{ Rule = 'DH118'; Status = 'Fail'; Key = 'Spec.TaskTemplate.Resources.Limits.NanoCPUs'; Evidence = 'no CPU limit'; Extra = '' }
            @{ Rule = 'DH119'; Status = 'Fail'; Key = 'Spec.TaskTemplate.ContainerSpec.ReadOnly'; Evidence = 'writable'; Extra = '' }
            @{ Rule = 'DH126'; Status = 'Warn'; Key = 'Spec.EndpointSpec.Ports'; Evidence = '\*:8080->80/tcp'; Extra = ' (ingress binds every interface)' }
            @{ Rule = 'DH128'; Status = 'Fail'; Key = 'Spec.TaskTemplate.ContainerSpec.Healthcheck'; Evidence = 'no healthcheck'; Extra = '' }
            @{ Rule = 'DH129'; Status = 'Fail'; Key = 'Spec.TaskTemplate.RestartPolicy'; Evidence = 'always'; Extra = ' (condition any)' }
            @{ Rule = 'DH130'; Status = 'Fail'; Key = 'Spec.TaskTemplate.ContainerSpec.Env'; Evidence = 'API_TOKEN'; Extra = '' }
        ) {
            $f = Get-Finding weak $Rule
            $f | Should -HaveCount 1
            $f.Status | Should -Be $Status -Because $f.Evidence
            $f.Key | Should -Be $Key
            $f.Evidence | Should -Match $Evidence
        }

        It 'raises DH103 to Critical for SYS_ADMIN' {
            (Get-Finding weak DH103).Severity | Should -Be 'Critical'
        }

        It 'never shows the value of a credential-like variable' {
            ($ByName.weak.Findings | Out-String -Width 400) | Should -Not -Match ([regex]::Escape($Secret))
        }

        It 'says NotApplicable, with the reason, for what no service can set (privileged, devices, namespaces)' {
            foreach ($id in 'DH104', 'DH107', 'DH111', 'DH112', 'DH113', 'DH115', 'DH120') {
                $f = Get-Finding weak $id
                $f.Status | Should -Be 'NotApplicable' -Because $id
                $f.Evidence | Should -Match 'cannot set .* at any API version'
            }
        }

        It 'decides no-new-privileges and seccomp by the API version the engine reports' {
            $f = Get-Finding weak DH122
            if ([version] $ApiVersion -lt [version] '1.44') {
                $f.Status | Should -Be 'NotApplicable'
                $f.Evidence | Should -Match "API $([regex]::Escape($ApiVersion)) cannot express no-new-privileges.*1\.44"
                (Get-Finding weak DH123).Status | Should -Be 'NotApplicable'
            }
            else {
                $f.Status | Should -Be 'Fail'
            }
            $f.Key | Should -Be 'Spec.TaskTemplate.ContainerSpec.Privileges.NoNewPrivileges'
        }

        It 'is not compliant, with Critical as its worst severity' {
            $ByName.weak.Compliant | Should -BeFalse
            $ByName.weak.WorstSeverity | Should -Be 'Critical'
        }
    }

    Context 'the hardened service and what images and networks decide' {
        It '<Rule> passes for good' -ForEach @(
            @{ Rule = 'DH101' }, @{ Rule = 'DH102' }, @{ Rule = 'DH103' }, @{ Rule = 'DH106' }, @{ Rule = 'DH109' }, @{ Rule = 'DH116' },
            @{ Rule = 'DH118' }, @{ Rule = 'DH119' }, @{ Rule = 'DH121' }, @{ Rule = 'DH128' }, @{ Rule = 'DH129' }, @{ Rule = 'DH130' }, @{ Rule = 'DH131' }
        ) {
            $f = Get-Finding good $Rule
            $f.Status | Should -Be 'Pass' -Because $f.Evidence
        }

        It 'finds good compliant and weak far below it' {
            $ByName.good.Compliant | Should -BeTrue
            $ByName.good.Score | Should -BeGreaterThan ($ByName.weak.Score + 30)
        }

        It 'reads the healthcheck of the image when the spec has none' {
            $f = Get-Finding imagehc DH128
            $f.Status | Should -Be 'Pass'
            $f.Evidence | Should -Match 'true'
        }

        It 'warns a publishing service that shares an overlay with several others, not the others' {
            $f = Get-Finding front DH110
            $f.Status | Should -Be 'Warn'
            $f.Evidence | Should -Match 'shared \(2 other members: back1, back2\)'
            (Get-Finding back1 DH110).Status | Should -Be 'Pass'
        }

        It 'fails a service on no network: its tasks run on the default bridge' {
            (Get-Finding imagehc DH109).Status | Should -Be 'Fail'
            (Get-Finding good DH109).Evidence | Should -Match 'good-net'
        }
    }

    Context 'the running tasks (-IncludeTasks)' {
        It 'adds the container report of the running task of weak, with its node' {
            $task = @($ByName.weak.Tasks)
            $task | Should -HaveCount 1
            $task[0] | Should -BeOfType DockerHarden.Models.ContainerHardeningReport
            $task[0].Node | Should -Not -BeNullOrEmpty
            $task[0].Name | Should -Match '^weak\.1\.'
            ($task[0].Findings | Where-Object RuleId -EQ DH106).Status | Should -Be 'Fail'
            @($ByName.front.Tasks) | Should -HaveCount 0
        }

        It 'has no Tasks without -IncludeTasks' {
            @((Get-ServiceHardening -DockerHost $Ep -Name weak).Tasks) | Should -HaveCount 0
        }
    }

    Context 'selection' {
        It 'takes wildcards' {
            (Get-ServiceHardening -DockerHost $Ep -Name 'back*').Name | Sort-Object | Should -Be @('back1', 'back2')
        }

        It 'takes labels, all of which must match' {
            (Get-ServiceHardening -DockerHost $Ep -Label tier=front).Name | Should -Be 'front'
            @(Get-ServiceHardening -DockerHost $Ep -Label tier=front, dh.suite=other) | Should -HaveCount 0
        }

        It 'takes docker service ls --format json from the pipeline; a service removed since is ServiceNotFound, the others are audited' {
            $errs = $null
            $piped = @($ServiceRows | Get-ServiceHardening -DockerHost $Ep -ErrorVariable errs -ErrorAction SilentlyContinue)
            ($piped.Name | Sort-Object) | Should -Be @('back1', 'back2', 'front', 'good', 'imagehc', 'weak')
            @($errs) | Should -HaveCount 1
            $errs[0].FullyQualifiedErrorId | Should -Match '^ServiceNotFound'
            $errs[0].TargetObject | Should -Be 'gone'
        }

        It 'completes -Name with the manager''s service names' {
            $line = "Get-ServiceHardening -DockerHost '$Ep' -Name ba"
            $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches.CompletionText
            $completions | Should -Be @('back1', 'back2')
        }

        It 'refuses an engine that is in no swarm with SwarmNotActive' {
            $shared = Initialize-TestEngine 6>$null
            { Get-ServiceHardening -DockerHost $shared -ErrorAction Stop } | Should -Throw -ErrorId 'SwarmNotActive*'
        }
    }

    Context 'gates, policies and exports' {
        It '-Quiet answers with one boolean' {
            Get-ServiceHardening -DockerHost $Ep -Name good -Quiet | Should -BeTrue
            Get-ServiceHardening -DockerHost $Ep -Name good, weak -Quiet | Should -BeFalse
        }

        It '-FailOn gates after writing the report' {
            $errs = $null
            $r = Get-ServiceHardening -DockerHost $Ep -Name weak -FailOn High -ErrorVariable errs -ErrorAction SilentlyContinue
            $r.Name | Should -Be 'weak'
            $errs[-1].FullyQualifiedErrorId | Should -Match '^HardeningThresholdExceeded'
            $errs[-1].Exception.Message | Should -Match 'weak \(DH101'
        }

        It '-Policy waives a finding of a service by its name' {
            $policy = Join-Path (Get-ThrowawayDirectory) 'services-policy.yml'
            Set-Content -LiteralPath $policy -Value "waivers:`n  - rule: DH106`n    target: weak`n    reason: the agent manages the engine`n"
            $f = (Get-ServiceHardening -DockerHost $Ep -Name weak -Policy $policy).Findings | Where-Object RuleId -EQ DH106
            $f.Status | Should -Be 'Waived'
            $f.WaiverReason | Should -Be 'the agent manages the engine'
        }

        It 'exports to SARIF and JSON with the service as the target, and without the secret' {
            $dir = Get-ThrowawayDirectory
            $sarif = Join-Path $dir 'services.sarif'
            $json = Join-Path $dir 'services.json'
            $Reports | Export-HardeningReport -Path $sarif -Force
            $Reports | Export-HardeningReport -Path $json -Force
            $doc = Get-Content -Raw $sarif | ConvertFrom-Json
            $uris = $doc.runs[0].results.locations.physicalLocation.artifactLocation.uri
            $uris | Should -Contain 'docker/service/weak'
            ($doc.runs[0].results | Where-Object { $_.ruleId -eq 'DH106' -and $_.locations[0].physicalLocation.artifactLocation.uri -eq 'docker/service/weak' }) |
                Should -Not -BeNullOrEmpty
            (Get-Content -Raw $json | ConvertFrom-Json).kind | Should -Contain 'Service'
            (Get-Content -Raw $sarif) + (Get-Content -Raw $json) | Should -Not -Match ([regex]::Escape($Secret))
        }

        It 'pipes findings into Get-HardeningRule, which names the Service view and why it cannot fix yet' {
            $rules = @(($ByName.weak.Findings | Where-Object Status -EQ Fail) | Get-HardeningRule)
            $rules.Id | Should -Contain 'DH106'
            $rule = $rules | Where-Object Id -EQ DH119
            $rule.Views | Should -Contain 'Service'
            ($rule.NotFixable -join "`n") | Should -Match 'Service: no service applier yet'
        }

        It 'keeps its table view and its findings after Export-Clixml' {
            $xml = Join-Path (Get-ThrowawayDirectory) 'services.clixml'
            $ByName.weak | Export-Clixml -LiteralPath $xml
            $back = Import-Clixml -LiteralPath $xml
            ($back | Out-String -Width 80) | Should -Match 'weak\s+replicated'
            ($back.Findings | Where-Object RuleId -EQ DH106).Key | Should -Be 'Spec.TaskTemplate.ContainerSpec.Mounts'
            @($back.Tasks) | Should -HaveCount 1
        }
    }
}
