#Requires -Version 7.2
# The promise "never a secret value in output", checked end to end against the real engine: distinct random
# secrets are planted in containers (environment, labels, command, healthcheck, log-opts), compose files
# (environment, command, healthcheck, labels, x- keys), a daemon.json (log-opts splunk-token, a mirror URL) and a
# policy file; every cmdlet runs over them (audits, repairs with -WhatIf and for real, New-HardenedContainer -WhatIf
# from an audited container, the four exports, -Verbose, errors), and every stream, view, export and the host
# output of a child pwsh are searched for any of them.
# The module under test comes from $env:DOCKERHARDEN_MODULE, else out/DockerHarden/DockerHarden.psd1.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
param()

Describe 'No secret value in any output' -Tag 'Docker', 'Integration' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
        $script:ModulePath = Get-ModuleUnderTest
        Import-Module $ModulePath -Force
        $null = Initialize-TestEngine
        $null = Initialize-TestImage
        $RunId = Get-TestRunId
        $script:Image = (Get-TestImage).Pinned
        $script:Dir = Join-Path ([IO.Path]::GetTempPath()) "dh-test-$RunId-secrets"
        New-Item -ItemType Directory -Force -Path $Dir | Out-Null

        # Random, unique, and long enough that a hit cannot be a coincidence; no character any format escapes.
        $script:Secrets = [ordered]@{}
        function New-Secret([string] $Where) {
            $value = 'Zq' + [guid]::NewGuid().ToString('N').Substring(0, 18)
            $script:Secrets[$Where] = $value
            $value
        }

        # Containers: created only (an audit and a twin plan need no running process).
        $script:Web = New-TestContainer -Name 'sec-web' -Arguments @(
            '-e', "DB_PASSWORD=$(New-Secret 'container env DB_PASSWORD')",
            '-e', "PLAIN_SETTING=$(New-Secret 'container env PLAIN_SETTING')",
            '--label', "com.example.api-token=$(New-Secret 'container label api-token')",
            '--label', "com.example.secret=$(New-Secret 'container label secret')",
            '--log-driver', 'splunk',
            '--log-opt', "splunk-token=$(New-Secret 'container log-opt splunk-token')",
            '--log-opt', 'splunk-url=https://splunk.example:8088',
            '--health-cmd', "wget -q -O- http://admin:$(New-Secret 'container health-cmd url')@localhost/ || exit 1"
        ) -Command @('app', "--password=$(New-Secret 'container cmd --password=')", '--api-key', (New-Secret 'container cmd --api-key'),
            '-p', (New-Secret 'container cmd -p'), "http://admin:$(New-Secret 'container cmd url')@db/")
        $script:Db = New-TestContainer -Name 'sec-db' -Arguments @(
            '--health-cmd', "mysqladmin ping -uroot -p$(New-Secret 'container health-cmd -p')",
            '--entrypoint', 'sh'
        ) -Command @('-c', "curl -H 'Authorization: Bearer $(New-Secret 'container cmd bearer')' http://x/; SECRET_KEY=$(New-Secret 'container cmd SECRET_KEY=') ./run")

        # Compose: secrets beside the keys a repair edits, so they are the diff's context lines.
        $script:Compose = Join-Path $Dir 'docker-compose.yml'
        Set-Content -LiteralPath $Compose -NoNewline -Value @"
x-credentials:
  api_token: $(New-Secret 'compose x-credentials api_token')
x-env: &env
  SHARED_SETTING: $(New-Secret 'compose x-env anchored environment')
services:
  web:
    image: $Image
    environment:
      <<: *env
      SECRET_KEY: $(New-Secret 'compose environment SECRET_KEY')
      PLAIN: $(New-Secret 'compose environment PLAIN')
    privileged: true
    command: ["app", "--password=$(New-Secret 'compose command --password=')", "--api-key", "$(New-Secret 'compose command --api-key')"]
    healthcheck:
      test: ["CMD", "wget", "http://admin:$(New-Secret 'compose healthcheck url')@localhost/"]
    labels:
      com.example.auth-token: $(New-Secret 'compose label auth-token')
    cap_add:
      - SYS_ADMIN
  worker:
    image: $Image
    environment:
      - DB_PASSWORD=$(New-Secret 'compose environment list DB_PASSWORD')
    command:
      - --password
      - $(New-Secret 'compose command block --password')
    security_opt:
      - seccomp:unconfined

"@
        $script:BadCompose = Join-Path $Dir 'bad' 'docker-compose.yml'
        New-Item -ItemType Directory -Force -Path (Split-Path $BadCompose) | Out-Null
        Set-Content -LiteralPath $BadCompose -Value "services:`n  web:`n    image: $Image`n    environment:`n      API_TOKEN: `"$(New-Secret 'bad compose unclosed quote')`n"

        $script:Daemon = Join-Path $Dir 'daemon.json'
        Set-Content -LiteralPath $Daemon -Value @"
{
  "log-driver": "splunk",
  "log-opts": { "splunk-token": "$(New-Secret 'daemon.json splunk-token')", "splunk-url": "https://splunk.example:8088" },
  "registry-mirrors": ["https://mirror:$(New-Secret 'daemon.json mirror url')@mirror.example"],
  "experimental": true
}
"@
        $script:Policy = Join-Path $Dir 'policy.yml'
        Set-Content -LiteralPath $Policy -Value @"
waivers:
  - rule: DH119
    reason: "until the vault is up, the app reads token=$(New-Secret 'policy waiver reason token=')"
"@
        $script:BadPolicy = Join-Path $Dir 'bad-policy.yml'
        Set-Content -LiteralPath $BadPolicy -Value "waivers:`n  - rule: DH119`n    reason: [password: $(New-Secret 'bad policy value')`n"
        $script:NewLabel = New-Secret 'New-HardenedContainer -Label api-key'
        $script:NewToken = New-Secret 'New-HardenedContainer -LogOption splunk-token'
        $script:NewHealth = New-Secret 'New-HardenedContainer -HealthCommand url'
        $script:NewEnv = New-Secret 'New-HardenedContainer -Environment'

        # Everything a user can see of a value: its serialized form, its default view, every property listed.
        function ConvertTo-Visible($Items) {
            foreach ($item in @($Items)) {
                if ($null -eq $item) { continue }
                if ($item -is [Management.Automation.ErrorRecord]) {
                    $item | Out-String -Width 400
                    "$($item.FullyQualifiedErrorId): $($item.Exception.Message) $($item.TargetObject) $($item.ErrorDetails)"
                    continue
                }
                if ($item -is [Management.Automation.InformationalRecord]) { $item.Message; continue }
                [Management.Automation.PSSerializer]::Serialize($item, 6)
                $item | Out-String -Width 400
                $item | Format-List * | Out-String -Width 400
                try { $item | ConvertTo-Json -Depth 8 -WarningAction SilentlyContinue } catch { Write-Debug "not convertible to JSON: $_" }
            }
        }
        $script:Seen = [Collections.Generic.List[string]]::new()
        function Invoke-Everything([scriptblock] $Block) {
            # A terminating error is output too: it is caught and searched like the rest.
            $records = try { & $Block *>&1 } catch { $_ }
            foreach ($text in ConvertTo-Visible $records) { $script:Seen.Add([string]$text) }
            $records
        }

        $script:Reports = Invoke-Everything { Get-ContainerHardening -Name $Web, $Db -All -Policy $Policy -Verbose }
        $null = Invoke-Everything { Get-ContainerHardening -Name $Web -All -Policy $BadPolicy -Verbose -ErrorAction Continue }
        $script:ComposeReports = Invoke-Everything { Get-ComposeHardening -Path $Compose -Verbose }
        $null = Invoke-Everything { Get-ComposeHardening -Path $BadCompose -Verbose -ErrorAction Continue }
        $script:DaemonReports = Invoke-Everything { Test-DaemonHardening -DaemonConfigPath $Daemon -Verbose }
        $null = Invoke-Everything { Repair-ComposeFile -Path $Compose -WhatIf -Verbose }
        $null = Invoke-Everything { Repair-ComposeFile -Path $BadCompose -Verbose -Confirm:$false -ErrorAction Continue }
        $null = Invoke-Everything { Repair-DaemonConfiguration -Path $Daemon -WhatIf -Verbose -LogDriver splunk -LogOption @{ 'splunk-token' = $NewToken; 'splunk-url' = 'https://splunk.example:8088' } }
        $null = Invoke-Everything { Get-ContainerHardening -Name $Web | New-HardenedContainer -WhatIf -Verbose -Force }
        $null = Invoke-Everything { Get-ContainerHardening -Name $Db | New-HardenedContainer -WhatIf -Verbose -Force }
        $null = Invoke-Everything {
            New-HardenedContainer -Image $Image -Name "dh-test-$RunId-sec-new" -WhatIf -Verbose -Command 'sleep', '60' `
                -Label @{ 'com.example.api-key' = $NewLabel } -LogDriver splunk -LogOption @{ 'splunk-token' = $NewToken; 'splunk-url' = 'https://splunk.example:8088' } `
                -HealthCommand "wget -q http://admin:$NewHealth@localhost/" -Environment @{ APP_PASSWORD = $NewEnv }
        }
        $null = Invoke-Everything { New-HardenedContainer -Image $Image -WhatIf -Memory "password=$NewEnv" -ErrorAction Continue }
        # Created for real (not started): DockerRunCommand, DockerNetworkCommand and Settings exist only then.
        $testLabels = @{ 'dockerharden.test' = '1'; 'dockerharden.run' = $RunId }
        $script:Twins = Invoke-Everything { Get-ContainerHardening -Name $Web, $Db | New-HardenedContainer -Verbose -Force -Label $testLabels }
        $script:Created = Invoke-Everything {
            New-HardenedContainer -Image $Image -Name "dh-test-$RunId-sec-new" -Verbose -Command 'sleep', '60' `
                -Label ($testLabels + @{ 'com.example.api-key' = $NewLabel }) -LogDriver splunk -LogOption @{ 'splunk-token' = $NewToken; 'splunk-url' = 'https://splunk.example:8088' } `
                -HealthCommand "wget -q http://admin:$NewHealth@localhost/" -Environment @{ APP_PASSWORD = $NewEnv }
        }

        # The host output of the same calls (What if: lines are written to the host, not to a stream).
        $script:Copy = Join-Path $Dir 'copy' 'docker-compose.yml'
        New-Item -ItemType Directory -Force -Path (Split-Path $Copy) | Out-Null
        Copy-Item $Compose $Copy
        $script:DaemonCopy = Join-Path $Dir 'copy' 'daemon.json'
        Copy-Item $Daemon $DaemonCopy
        $child = @"
Import-Module '$ModulePath'
Repair-ComposeFile -Path '$Compose' -WhatIf -Verbose | Format-List *
Repair-DaemonConfiguration -Path '$Daemon' -WhatIf -Verbose -LogDriver splunk -LogOption @{ 'splunk-token' = '$NewToken'; 'splunk-url' = 'https://splunk.example:8088' } | Format-List *
Get-ContainerHardening -Name '$Web', '$Db' | New-HardenedContainer -WhatIf -Verbose -Force | Format-List *
Get-ContainerHardening -Name '$Web', '$Db' -All | Format-Table -Wrap
(Get-ContainerHardening -Name '$Web', '$Db' -All).Findings | Format-Table -Wrap
Get-ComposeHardening -Path '$Compose' | Select-Object -ExpandProperty Findings | Format-Table -Wrap
"@
        $script:Seen.Add((& (Get-PwshPath) -NoProfile -NonInteractive -Command $child 2>&1 | Out-String -Width 400))

        # For real: the repaired files hold the secrets (they are the user's), the output must not.
        $null = Invoke-Everything { Repair-ComposeFile -Path $Copy -NoBackup -Verbose -Confirm:$false }
        $null = Invoke-Everything { Repair-DaemonConfiguration -Path $DaemonCopy -NoBackup -Verbose -Confirm:$false -LogDriver splunk -LogOption @{ 'splunk-token' = $NewToken; 'splunk-url' = 'https://splunk.example:8088' } }

        $script:Exports = foreach ($ext in 'sarif', 'xml', 'json', 'html') {
            $path = Join-Path $Dir "report.$ext"
            # The captures hold verbose and warning records too: only the reports go to the export.
            $null = Invoke-Everything { @($Reports) + @($ComposeReports) + @($DaemonReports) | Where-Object { $_ -is [DockerHarden.Models.HardeningReport] } |
                Export-HardeningReport -Path $path -Force -Verbose }
            $path
        }
        foreach ($path in $Exports) { if (Test-Path $path) { $script:Seen.Add((Get-Content -Raw $path)) } }
    }

    AfterAll {
        Remove-TestContainers
        if ($Dir) { Remove-Item -Recurse -Force -LiteralPath $Dir -ErrorAction SilentlyContinue }
    }

    It 'plants at least 30 distinct secrets' {
        $Secrets.Count | Should -BeGreaterOrEqual 30
        @($Secrets.Values | Sort-Object -Unique).Count | Should -Be $Secrets.Count
    }

    It 'ran every path it searches (reports, repairs, twins, exports, errors)' {
        @($Reports | Where-Object { $_ -is [DockerHarden.Models.ContainerHardeningReport] }).Count | Should -Be 2
        @($ComposeReports | Where-Object { $_ -is [DockerHarden.Models.ComposeHardeningReport] }).Count | Should -Be 2
        foreach ($path in $Exports) { Test-Path $path | Should -BeTrue }
        $all = $Seen -join "`n"
        $all | Should -Match '@@ -'                          # a diff
        @($Twins + $Created | Where-Object { $_ -is [DockerHarden.Models.HardenedContainer] }).Count | Should -Be 3
        $all | Should -Match 'docker (run|create) '          # a DockerRunCommand
        $all | Should -Match 'docker network create '        # a DockerNetworkCommand
        $all | Should -Match 'What if:'                      # host output of -WhatIf
        $all | Should -Match 'ComposeParseFailed'            # an error
        $all | Should -Match 'splunk-token'                  # names stay where values go
        # The real repairs changed the copies, which keep the user's secrets.
        Get-Content -Raw $Copy | Should -Not -Match 'privileged: true'
        Get-Content -Raw $Copy | Should -Match ([regex]::Escape($Secrets['compose environment SECRET_KEY']))
    }

    It 'shows no planted secret anywhere' {
        $all = $Seen -join "`n"
        $leaks = foreach ($entry in $Secrets.GetEnumerator()) {
            $at = $all.IndexOf($entry.Value, [StringComparison]::Ordinal)
            if ($at -ge 0) { "$($entry.Key): ...$($all.Substring([Math]::Max(0, $at - 80), [Math]::Min(100, $all.Length - [Math]::Max(0, $at - 80))))..." }
        }
        $leaks | Should -BeNullOrEmpty -Because "$(@($leaks).Count) of $($Secrets.Count) planted secrets appear in the output"
    }

    It 'keeps evidence useful: names and masks, not values' {
        $health = ($Reports | Where-Object Name -EQ $Web).Findings | Where-Object RuleId -EQ DH128
        $health.Evidence | Should -Match 'http://admin:\*\*\*@localhost/'
        $diff = ($Seen | Where-Object { $_ -match '@@ -' } | Select-Object -First 1)
        $diff | Should -Match 'SECRET_KEY: \*\*\*'
        $run = ($Created | Where-Object { $_ -is [DockerHarden.Models.HardenedContainer] }).DockerRunCommand
        $run | Should -Match "--log-opt 'splunk-token=\*\*\*'"
        $run | Should -Match "--label 'com.example.api-key=\*\*\*'"
        $run | Should -Match "--health-cmd 'wget -q http://admin:\*\*\*@localhost/'"
        $run | Should -Match '-e APP_PASSWORD '
    }
}
