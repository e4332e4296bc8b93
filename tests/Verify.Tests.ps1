#Requires -Version 7.2
# Issue 15: a repair must never break the application. Against the real engine, with the application-like test
# images of tests/images (a root entrypoint that chowns and drops to its user, an nginx-like server, a non-root
# image, one that grows to 100 MB): each is a compose service with no hardening, repaired with -Verify and with the
# defaults alone, started with docker-compose and checked 10 s later; so are the awesome-compose-shaped stacks of
# tests/compose/stacks, and New-HardenedContainer's defaults on each image (from -Image, and as the twin of a plain
# container). Every project started here is named dhtest<run id>..., labelled by compose, and removed with down -v
# in AfterAll.

[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they make or remove only this suite''s own temporary or labelled objects, and must not be skipped under -WhatIf.')]
param()

BeforeDiscovery {
    $script:StackNames = @(Get-ChildItem -Path (Join-Path $PSScriptRoot 'compose/stacks') -Directory | ForEach-Object { @{ Name = $_.Name } })
    $script:AppImages = @(
        @{ Key = 'Db'; Service = 'db' }
        @{ Key = 'Web'; Service = 'web' }
        @{ Key = 'NonRoot'; Service = 'nonroot' }
        @{ Key = 'Memory'; Service = 'memory' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestImages.psm1') -Force
    Import-Module (Get-ModuleUnderTest) -Force
    $null = Initialize-TestEngine
    $Images = Initialize-AppTestImage
    $RunId = Get-TestRunId
    $Scratch = Join-Path ([IO.Path]::GetTempPath()) "dh-verify-$RunId"
    $null = New-Item -ItemType Directory -Path $Scratch
    $Projects = [System.Collections.Generic.List[object]]::new()
    # The verification window of these tests (the default is 10 s); the check after `up` always waits 10 s.
    $VerifySeconds = 8

    function New-AppCompose([switch] $WithWriter) {
        # One file with every application-like image as a service with no hardening at all. -WithWriter adds a
        # service that writes outside the volatile paths the defaults make writable, as the official httpd image
        # writes its pid file under /usr/local/apache2/logs: the default read_only breaks it, and -Verify must say so.
        $writer = if ($WithWriter) {
            "  writer:`n    image: $($Images.Web)`n    entrypoint: [`"/bin/sh`", `"-c`", `"mkdir -p /usr/local/apache2/logs && echo 1 > /usr/local/apache2/logs/httpd.pid && exec httpd -f -p 80 -h /usr/share/nginx/html`"]`n"
        }
        $text = @"
services:
  db:
    image: $($Images.Db)
    volumes:
      - dbdata:/data
    environment:
      DB_PASSWORD: "correct-horse-battery"
  web:
    image: $($Images.Web)
  nonroot:
    image: $($Images.NonRoot)
  memory:
    image: $($Images.Memory)
$writer
volumes:
  dbdata: {}
"@
        $dir = New-ComposeProject -Root $Scratch -Files @{ 'compose.yaml' = $text }
        Join-Path $dir 'compose.yaml'
    }

    function Copy-Stack([string] $Name) {
        $dir = Join-Path $Scratch ("$Name-" + [Guid]::NewGuid().ToString('N').Substring(0, 6))
        Copy-Item -LiteralPath (Join-Path $PSScriptRoot "compose/stacks/$Name") -Destination $dir -Recurse
        Join-Path $dir 'compose.yaml'
    }

    function Start-Project([string] $File) {
        $project = "dhtest$RunId$($Projects.Count)"
        $Projects.Add([pscustomobject]@{ Project = $project; File = $File })
        $out = & docker-compose -p $project -f $File up -d 2>&1
        [pscustomobject]@{ Project = $project; Code = $LASTEXITCODE; Output = ($out | Out-String) }
    }

    function Get-ProjectState([string] $Project) {
        foreach ($id in @(& docker ps -aq --filter "label=com.docker.compose.project=$Project")) {
            $j = (& docker inspect $id | ConvertFrom-Json)[0]
            $health = if ($j.State.PSObject.Properties['Health'] -and $j.State.Health) { $j.State.Health.Status } else { '' }
            [pscustomobject]@{
                Project = $Project
                Service = $j.Config.Labels.'com.docker.compose.service'
                Image = $j.Config.Image
                Status = $j.State.Status
                Health = $health
                OomKilled = [bool]$j.State.OOMKilled
                ExitCode = $j.State.ExitCode
                Logs = ((& docker logs --tail 3 $id 2>&1) -join ' | ')
            }
        }
    }

    function Wait-Project([string[]] $Project) {
        # `up` + 10 s; a healthcheck still starting then gets up to 30 s to decide.
        Start-Sleep -Seconds 10
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        do {
            $states = @($Project | ForEach-Object { Get-ProjectState $_ })
            if (-not ($states | Where-Object Health -EQ 'starting')) { break }
            Start-Sleep -Seconds 1
        } while ([DateTime]::UtcNow -lt $deadline)
        $states
    }

    function Test-Running($State) { $State.Status -eq 'running' -and -not $State.OomKilled -and $State.Health -in '', 'healthy' }

    function Format-State($State) { "$($State.Service): $($State.Status) health=$($State.Health) oom=$($State.OomKilled) exit=$($State.ExitCode) log: $($State.Logs)" }

    function Stop-Project {
        # Each Describe takes its projects down when it ends: the engine's address pools are shared and few.
        foreach ($p in @($Projects)) {
            $null = & docker-compose -p $p.Project -f $p.File down -v --remove-orphans --timeout 1 2>&1
            $null = $Projects.Remove($p)
        }
    }

    function Get-VerifyLeftover {
        @(& docker ps -aq --filter 'label=dockerharden.verify=1') + @(& docker network ls -q --filter 'name=dhverify') +
            @(& docker volume ls -q --filter 'name=dhverify') | Where-Object { $_ }
    }
}

AfterAll {
    Stop-Project
    Remove-TestContainers
    Remove-Item -LiteralPath $Scratch -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Repair-ComposeFile -Verify keeps application-like images running' {
    BeforeAll {
        $File = New-AppCompose -WithWriter
        # -Memory 64m: below what the 100 MB image needs, so verification must raise it.
        $Result = Repair-ComposeFile -LiteralPath $File -Verify -VerifySeconds $VerifySeconds -Memory 64m -NoBackup -Confirm:$false -ErrorAction Stop
        $Leftover = Get-VerifyLeftover
        $Up = Start-Project $File
        $States = Wait-Project $Up.Project
    }

    AfterAll { Stop-Project }

    It 'writes the verified repair, and docker-compose starts it' {
        $Result.Applied | Should -BeTrue
        $Up.Code | Should -Be 0 -Because $Up.Output
    }

    It '<Service> still runs (healthy where it has a healthcheck) 10 s after docker-compose up' -ForEach ($AppImages + @{ Service = 'writer' }) {
        $state = $States | Where-Object Service -EQ $Service
        $state | Should -Not -BeNullOrEmpty
        Test-Running $state | Should -BeTrue -Because (Format-State $state)
    }

    It 'reports every changed service with its kept fixes, runs and time' {
        @($Result.Verification.Service | Sort-Object) | Should -Be @('db', 'memory', 'nonroot', 'web', 'writer')
        foreach ($v in $Result.Verification) {
            $v.Duration | Should -BeGreaterThan ([TimeSpan]::FromSeconds($VerifySeconds - 1))
            $v.Runs | Should -BeGreaterThan 0
            @($v.Kept) | Should -Be @($Result.Changes | Where-Object Service -EQ $v.Service | ForEach-Object RuleId | Select-Object -Unique)
        }
    }

    It 'withholds read_only from the service that writes outside the volatile paths, with the evidence: exit code and the log line that names the path' {
        $writer = $Result.Verification | Where-Object Service -EQ 'writer'
        $writer.Status | Should -Be 'FixesWithheld'
        $ro = $writer.Withheld | Where-Object RuleId -EQ 'DH119'
        $ro | Should -Not -BeNullOrEmpty -Because ($writer.Withheld | Out-String)
        $ro.ExitCode | Should -Not -Be 0
        ($ro.LogTail -join "`n") | Should -Match 'Read-only file system'
        $Result.Skipped | Where-Object { $_.Service -eq 'writer' -and $_.RuleId -eq 'DH119' -and $_.Reason -match 'withheld by -Verify' } | Should -Not -BeNullOrEmpty
        $Result.Changes | Where-Object { $_.Service -eq 'writer' -and $_.RuleId -eq 'DH119' } | Should -BeNullOrEmpty
        @($writer.Kept) | Should -Contain 'DH102' -Because 'only the fix that breaks it is withheld'
    }

    It 'keeps every fix of the nginx-like and the root-entrypoint images: /var/cache and /var/run are tmpfs, the add-back lets them chown and drop' {
        foreach ($service in 'web', 'db') {
            $v = $Result.Verification | Where-Object Service -EQ $service
            $v.Status | Should -Be 'Verified' -Because "$service withheld: $($v.Withheld | Out-String)"
            $v.Kept | Should -Contain 'DH119'
            $v.Kept | Should -Contain 'DH102'
        }
    }

    It 'gives evidence for every withheld fix, with secrets masked' {
        foreach ($w in $Result.Verification.Withheld) {
            $w.Reason | Should -Not -BeNullOrEmpty
            ($w.ExitCode -ne $null -or $w.OomKilled -or $w.LogTail.Count -gt 0) | Should -BeTrue -Because "$($w.RuleId): $($w.Reason)"
            ($w.LogTail -join "`n") | Should -Not -Match 'correct-horse-battery'
        }
    }

    It 'keeps every fix of the image that needs nothing' {
        $nonroot = $Result.Verification | Where-Object Service -EQ 'nonroot'
        $nonroot.Status | Should -Be 'Verified'
        $nonroot.Withheld | Should -BeNullOrEmpty
        $nonroot.Kept | Should -Contain 'DH102'
        $nonroot.Kept | Should -Contain 'DH119'
    }

    It 'raises the memory limit of the service that grows to 100 MB instead of writing one it is OOM-killed at' {
        $memory = $Result.Verification | Where-Object Service -EQ 'memory'
        $memory.MemoryLimit | Should -Not -BeNullOrEmpty
        $memory.Note | Should -Match 'raised from 64m'
        $written = $Result.Changes | Where-Object { $_.Service -eq 'memory' -and $_.RuleId -eq 'DH116' }
        $written.After | Should -Match ([regex]::Escape($memory.MemoryLimit))
        ($States | Where-Object Service -EQ 'memory').OomKilled | Should -BeFalse
    }

    It 'leaves no throwaway container, network or volume behind' {
        $Leftover | Should -BeNullOrEmpty
    }
}

Describe 'Repair-ComposeFile -Verify refuses to guess' {
    It 'makes an image that is not local an ImageNotFound for its service, pulls nothing, and still verifies the others' {
        $missing = "dockerharden-test/not-here-$RunId:1.0"
        $dir = New-ComposeProject -Root $Scratch -Files @{ 'compose.yaml' = "services:`n  gone:`n    image: $missing`n  ok:`n    image: $($Images.NonRoot)`n" }
        $file = Join-Path $dir 'compose.yaml'
        $r = Repair-ComposeFile -LiteralPath $file -Verify -VerifySeconds 3 -NoBackup -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        @($errs | Where-Object { $_.FullyQualifiedErrorId -like 'ImageNotFound*' }).Count | Should -Be 1 -Because ($errs | Out-String)
        $errs[0].Exception.Message | Should -Match 'gone'
        ($r.Verification | Where-Object Service -EQ 'gone').Status | Should -Be 'ImageNotFound'
        $r.Changes | Where-Object Service -EQ 'gone' | Should -BeNullOrEmpty
        ($r.Verification | Where-Object Service -EQ 'ok').Status | Should -Be 'Verified'
        $r.Applied | Should -BeTrue
        $null = & docker image inspect $missing 2>&1
        $LASTEXITCODE | Should -Not -Be 0 -Because 'nothing is pulled without -Pull'
    }

    It 'does not write the file when verification cannot run (no docker-compose): ComposeVerifyUnavailable' {
        $file = New-AppCompose
        $before = [IO.File]::ReadAllBytes($file)
        $bin = Join-Path $Scratch "bin-$([Guid]::NewGuid().ToString('N').Substring(0, 6))"
        $null = New-Item -ItemType Directory -Path $bin
        $null = New-Item -ItemType SymbolicLink -Path (Join-Path $bin 'docker') -Target (Get-Command docker -CommandType Application)[0].Source
        $savedPath = $env:PATH
        try {
            $env:PATH = $bin
            $r = Repair-ComposeFile -LiteralPath $file -Verify -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        }
        finally { $env:PATH = $savedPath }
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'ComposeVerifyUnavailable*'
        [Linq.Enumerable]::SequenceEqual($before, [IO.File]::ReadAllBytes($file)) | Should -BeTrue
        @(Get-ChildItem -LiteralPath (Split-Path $file)).Name | Should -Be @('compose.yaml') -Because 'no backup or temporary file either'
    }

    It 'Ctrl+C during verification stops it, writes nothing and removes the throwaway project' {
        $dir = New-ComposeProject -Root $Scratch -Files @{ 'compose.yaml' = "services:`n  ok:`n    image: $($Images.NonRoot)`n" }
        $file = Join-Path $dir 'compose.yaml'
        $before = [IO.File]::ReadAllBytes($file)
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-ModuleUnderTest)'; Repair-ComposeFile -LiteralPath '$file' -Verify -VerifySeconds 120 -NoBackup -Confirm:`$false")
        $async = $ps.BeginInvoke()
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while (-not (& docker ps -q --filter 'label=dockerharden.verify=1') -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 300 }
            & docker ps -q --filter 'label=dockerharden.verify=1' | Should -Not -BeNullOrEmpty -Because 'the throwaway container runs before the stop'
            $clock = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
        }
        finally { $ps.Dispose() }
        [Linq.Enumerable]::SequenceEqual($before, [IO.File]::ReadAllBytes($file)) | Should -BeTrue
        Get-VerifyLeftover | Should -BeNullOrEmpty
    }

    It '-WhatIf -Verify verifies, leaves the file byte for byte and nothing on the engine' {
        $dir = New-ComposeProject -Root $Scratch -Files @{ 'compose.yaml' = "services:`n  web:`n    image: $($Images.Web)`n" }
        $file = Join-Path $dir 'compose.yaml'
        $before = [IO.File]::ReadAllBytes($file)
        $r = Repair-ComposeFile -LiteralPath $file -Verify -VerifySeconds 3 -WhatIf
        $r.Applied | Should -BeFalse
        $r.Verification.Service | Should -Be 'web'
        [Linq.Enumerable]::SequenceEqual($before, [IO.File]::ReadAllBytes($file)) | Should -BeTrue
        Get-VerifyLeftover | Should -BeNullOrEmpty
    }
}

Describe 'awesome-compose-shaped stacks repaired with -Verify still run' {
    BeforeAll {
        $Stacks = @{}
        foreach ($name in (Get-ChildItem -Path (Join-Path $PSScriptRoot 'compose/stacks') -Directory).Name) {
            $file = Copy-Stack $name
            $default = Repair-ComposeFile -LiteralPath $file -WhatIf
            $r = Repair-ComposeFile -LiteralPath $file -Verify -VerifySeconds $VerifySeconds -NoBackup -Confirm:$false -ErrorAction Stop
            $up = Start-Project $file
            $Stacks[$name] = [pscustomobject]@{ File = $file; Default = $default; Verified = $r; Up = $up }
        }
        $States = Wait-Project ($Stacks.Values.Up.Project)
        # The closing note of issue 15: per stack and service, the fixes of the default repair and of -Verify.
        foreach ($name in $Stacks.Keys | Sort-Object) {
            foreach ($v in $Stacks[$name].Verified.Verification) {
                $byDefault = ($Stacks[$name].Default.Changes | Where-Object Service -EQ $v.Service | ForEach-Object RuleId | Select-Object -Unique) -join ','
                Write-Host ("VERIFY-REPORT {0}/{1}: default [{2}] -Verify kept [{3}] withheld [{4}] {5} in {6:0.0} s ({7} runs){8}" -f $name, $v.Service,
                    $byDefault, ($v.Kept -join ','), ($v.Withheld.RuleId -join ','), $v.Status, $v.Duration.TotalSeconds, $v.Runs,
                    $(if ($v.MemoryLimit) { " memory $($v.MemoryLimit)" }))
            }
        }
    }

    AfterAll { Stop-Project }

    It '<Name>: docker-compose starts the repaired file and every service runs 10 s later' -ForEach $StackNames {
        $stack = $Stacks[$Name]
        $stack.Up.Code | Should -Be 0 -Because $stack.Up.Output
        $mine = @($States | Where-Object Project -EQ $stack.Up.Project)
        $mine.Count | Should -BeGreaterThan 1
        foreach ($s in $mine) { Test-Running $s | Should -BeTrue -Because "$Name/$(Format-State $s)" }
    }

    It '<Name>: every changed service has a verification with evidence for what it withheld' -ForEach $StackNames {
        $r = $Stacks[$Name].Verified
        @($r.Verification.Service | Sort-Object) | Should -Be @($Stacks[$Name].Default.Changes.Service | Sort-Object -Unique)
        foreach ($w in $r.Verification.Withheld) { $w.Reason | Should -Not -BeNullOrEmpty }
    }
}

Describe 'default repairs (no -Verify) keep the application-like images and stacks running' {
    BeforeAll {
        $appFile = New-AppCompose
        $null = Repair-ComposeFile -LiteralPath $appFile -NoBackup -Confirm:$false -ErrorAction Stop
        $started = @(Start-Project $appFile)
        foreach ($name in (Get-ChildItem -Path (Join-Path $PSScriptRoot 'compose/stacks') -Directory).Name) {
            $file = Copy-Stack $name
            $null = Repair-ComposeFile -LiteralPath $file -NoBackup -Confirm:$false -ErrorAction Stop
            $started += Start-Project $file
        }
        $AppProject = $started[0].Project
        $StackUps = @{}
        $i = 1
        foreach ($name in (Get-ChildItem -Path (Join-Path $PSScriptRoot 'compose/stacks') -Directory).Name) { $StackUps[$name] = $started[$i++] }
        $States = Wait-Project $started.Project
    }

    AfterAll { Stop-Project }

    It '<Service> runs 10 s after docker-compose up of the default repair' -ForEach $AppImages {
        $state = $States | Where-Object { $_.Project -eq $AppProject -and $_.Service -eq $Service }
        $state | Should -Not -BeNullOrEmpty
        Test-Running $state | Should -BeTrue -Because (Format-State $state)
    }

    It 'stack <Name>: docker-compose starts the default repair, and every service runs 10 s later' -ForEach $StackNames {
        $StackUps[$Name].Code | Should -Be 0 -Because $StackUps[$Name].Output
        $mine = @($States | Where-Object Project -EQ $StackUps[$Name].Project)
        $mine.Count | Should -BeGreaterThan 1
        foreach ($s in $mine) { Test-Running $s | Should -BeTrue -Because "$Name/$(Format-State $s)" }
    }

    It 'the default repair hardened them: read_only with the volatile tmpfs set, cap_drop ALL with the add-back for root' {
        $j = (& docker inspect (& docker ps -q --filter "label=com.docker.compose.project=$AppProject" --filter 'label=com.docker.compose.service=web') | ConvertFrom-Json)[0]
        $j.HostConfig.ReadonlyRootfs | Should -BeTrue
        @($j.HostConfig.Tmpfs.PSObject.Properties.Name) | Should -Contain '/var/cache'
        @($j.HostConfig.CapDrop) | Should -Be @('ALL')
        @($j.HostConfig.CapAdd | Sort-Object) | Should -Be @('CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID')
    }
}

Describe 'New-HardenedContainer defaults run each application-like image, and a twin of each' {
    BeforeAll {
        $Made = @{}
        $Twins = @{}
        $Warned = @{}
        foreach ($image in $AppImages) {
            $name = Get-TestContainerName "made-$($image.Service)"
            $Made[$image.Service] = $name
            $w = $null
            $null = New-HardenedContainer -Image $Images.($image.Key) -Name $name -Start -Label @{ 'dockerharden.test' = '1'; 'dockerharden.run' = $RunId } -Confirm:$false -ErrorAction Continue -WarningVariable w -WarningAction SilentlyContinue
            $Warned[$image.Service] = @($w | ForEach-Object { "$_" })
            # A twin: piped from the audit of a plain, unhardened container of the same image.
            $plain = New-TestContainer -Name "plain-$($image.Service)" -Image $Images.($image.Key) -Start
            $Twins[$image.Service] = Get-TestContainerName "twin-$($image.Service)"
            $null = Get-ContainerHardening -Name $plain | New-HardenedContainer -Name $Twins[$image.Service] -Start -Confirm:$false -ErrorAction Continue -WarningAction SilentlyContinue
        }
        Start-Sleep -Seconds 10

        function Assert-Running([string] $Container, [string] $Service) {
            $j = @(& docker inspect $Container 2>$null | ConvertFrom-Json)[0]
            $j | Should -Not -BeNullOrEmpty -Because 'New-HardenedContainer created it'
            $health = if ($j.State.PSObject.Properties['Health'] -and $j.State.Health) { $j.State.Health.Status } else { '' }
            $why = "$Service $($j.State.Status) exit=$($j.State.ExitCode) oom=$($j.State.OOMKilled) log: $((& docker logs --tail 3 $Container 2>&1) -join ' | ')"
            $j.State.Status | Should -Be 'running' -Because $why
            $j.State.OOMKilled | Should -BeFalse -Because $why
            $health | Should -BeIn @('', 'healthy', 'starting') -Because $why
            $j.HostConfig.ReadonlyRootfs | Should -BeTrue
            @($j.HostConfig.CapDrop) | Should -Be @('ALL')
            $j
        }
    }

    AfterAll { Remove-TestContainers }

    It 'a hardened <Service> (from -Image) runs 10 s after it started' -ForEach $AppImages {
        $null = Assert-Running $Made[$Service] $Service
    }

    It 'a hardened twin of a plain <Service> runs 10 s after it started' -ForEach $AppImages {
        $null = Assert-Running $Twins[$Service] $Service
    }

    It 'keeps root for the images whose root ENTRYPOINT drops privileges, with the add-back, and warns DH101' -ForEach @(@{ Service = 'db' }, @{ Service = 'web' }) {
        $j = (& docker inspect $Made[$Service] | ConvertFrom-Json)[0]
        $j.Config.User | Should -Be ''
        @($j.HostConfig.CapAdd | Sort-Object) | Should -Be @('CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'SETGID', 'SETUID')
        ($Warned[$Service] -join "`n") | Should -Match 'DH101 RunAsNonRootUser will fail'
    }

    It 'runs the others as non-root: the image USER, else the default uid' {
        (& docker inspect --format '{{.Config.User}}' $Made['nonroot']) | Should -Be '10001:10001'
        (& docker inspect --format '{{.Config.User}}' $Made['memory']) | Should -Be '10001:10001'
        (& docker inspect --format '{{json .HostConfig.CapAdd}}' $Made['memory']) | Should -BeIn @('null', '[]')
    }
}

Describe 'New-HardenedContainer -Replace -VerifySeconds puts the original back when the twin is OOM-killed' {
    AfterAll { Remove-TestContainers }

    It 'watches the twin for the window, names the OOM kill, and the original runs again under its name' {
        $name = New-TestContainer -Name 'replace-memory' -Image $Images.Memory -Start
        $r = New-HardenedContainer -ContainerId $name -Replace -Memory 64m -VerifySeconds 8 -Confirm:$false -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'TwinExited*'
        $errs[0].Exception.Message | Should -Match 'OOM'
        (& docker inspect --format '{{.State.Running}} {{.Config.Image}}' $name) | Should -Be "true $($Images.Memory)"
    }
}
