# The rule catalog as the module exposes it, and its agreement with the documentation.
BeforeAll {
    if (-not $env:DOCKERHARDEN_MODULE) { throw 'DOCKERHARDEN_MODULE is not set: run the suites through build.ps1 -Task Test.' }
    Import-Module $env:DOCKERHARDEN_MODULE -Force
    $script:All = @(Get-HardeningRule)
}

Describe 'Get-HardeningRule' {
    It 'lists every container rule DH101-DH133 once, in id order, for the Container, Compose, Create and Service views' {
        $container = @($All | Where-Object Id -like 'DH1*')
        $container.Id | Should -Be (@(101..133) | ForEach-Object { "DH$_" })
        foreach ($rule in $container) {
            $rule.Views | Should -Be @('Container', 'Compose', 'Create', 'Service')
        }
        ($All.Id | Sort-Object -Unique).Count | Should -Be $All.Count
    }

    It 'gives every rule a title, a remediation, a guide section and a CIS id (or "-")' {
        foreach ($rule in $All) {
            $rule.Title | Should -Not -BeNullOrEmpty -Because $rule.Id
            $rule.Remediation | Should -Not -BeNullOrEmpty -Because $rule.Id
            $rule.SeedSection | Should -Match '^(-|\d+(\.\d+)?(, \d+(\.\d+)?)*)$' -Because $rule.Id
            $rule.CisId | Should -Match '^(-|\d)' -Because $rule.Id
        }
    }

    It 'filters by id and name with wildcards' {
        (Get-HardeningRule -Id DH10*).Id | Should -Be (101..109 | ForEach-Object { "DH$_" })
        (Get-HardeningRule -Id MemorySwapLimit).Id | Should -Be 'DH117'
        (Get-HardeningRule -Id '*Namespace').Id | Should -Contain 'DH111'
    }

    It 'filters by view and minimum severity' {
        $critical = @(Get-HardeningRule -View Container -MinimumSeverity Critical)
        $critical.Count | Should -BeGreaterThan 0
        $critical.Severity | Sort-Object -Unique | Should -Be 'Critical'
        @(Get-HardeningRule -View Daemon) | ForEach-Object { $_.Id | Should -BeLike 'DH0*' }
    }

    It 'binds rule ids from findings on the pipeline' {
        $findings = @([pscustomobject]@{ RuleId = 'DH104' }, [pscustomobject]@{ RuleId = 'DH119' })
        ($findings | Get-HardeningRule).Name | Should -Be @('NotPrivileged', 'ReadOnlyRootFilesystem')
    }

    It 'gives every rule a Description and a Rationale, shown by Format-List' {
        foreach ($rule in $All) {
            $rule.Description | Should -Not -BeNullOrEmpty -Because "$($rule.Id) needs a description"
            $rule.Rationale | Should -Not -BeNullOrEmpty -Because "$($rule.Id) needs a rationale"
        }
        $list = Get-HardeningRule -Id DH106 | Format-List | Out-String -Width 200
        $list | Should -Match 'Description\s+: Checks that neither the Docker socket'
        $list | Should -Match 'Rationale\s+: A container that can talk to the engine'
        $list | Should -Match 'Views\s+: Container, Compose, Create, Service'
    }

    It 'names only properties in its table headers' {
        $lines = (Get-HardeningRule -Id DH101 | Out-String -Width 80) -split '\r?\n'
        $header = $lines[([array]::FindIndex($lines, [Predicate[string]] { param($l) $l -match '^-{2,} ' })) - 1] -split '\s+' | Where-Object { $_ }
        foreach ($column in $header) { $All[0].PSObject.Properties[$column] | Should -Not -BeNullOrEmpty -Because "header $column" }
    }

    It 'writes RuleNotFound for an unknown exact id and still lists the others' {
        $rules = Get-HardeningRule -Id DH999, DH101 -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -BeLike 'RuleNotFound*'
        $rules.Id | Should -Be 'DH101'
    }

    It 'returns each rule once for findings of many containers' {
        # The findings of every audited container name the same container rules: each comes back once, in first-seen order.
        $findings = foreach ($target in 1..3) {
            foreach ($rule in $All | Where-Object Id -Like 'DH1*') { [pscustomobject]@{ RuleId = $rule.Id; Target = "c$target" } }
        }
        $rules = @($findings | Get-HardeningRule)
        $rules.Id | Should -Be @($All | Where-Object Id -Like 'DH1*').Id
        @(Get-HardeningRule -Id DH101, DH101, 'DH10*').Id | Should -Be (101..109 | ForEach-Object { "DH$_" })
    }

    It 'does nothing for an empty pipeline, and makes unusable input an error for that input only' {
        @(@() | Get-HardeningRule) | Should -HaveCount 0
        $inputs = @([pscustomobject]@{ RuleId = @() }, [pscustomobject]@{ RuleId = '' }, [pscustomobject]@{ Other = 1 }, [pscustomobject]@{ RuleId = 'DH104' })
        $rules = @($inputs | Get-HardeningRule -ErrorVariable errs -ErrorAction SilentlyContinue)
        $rules.Id | Should -Be 'DH104'
        @($errs) | Should -HaveCount 3
    }

    It 'agrees with about_DockerHarden on every id, name and severity' {
        $about = Get-Content (Join-Path (Split-Path $env:DOCKERHARDEN_MODULE) 'en-US/about_DockerHarden.help.txt')
        $documented = @{}
        foreach ($line in $about) {
            if ($line -match '^\s+(DH\d{3})\s+(\w+)\s+(Info|Low|Medium|High|Critical)\b') { $documented[$Matches[1]] = $Matches }
        }
        foreach ($rule in $All) {
            $documented.ContainsKey($rule.Id) | Should -BeTrue -Because "$($rule.Id) must be documented"
            $documented[$rule.Id][2] | Should -Be $rule.Name -Because $rule.Id
            $documented[$rule.Id][3] | Should -Be ([string]$rule.Severity) -Because $rule.Id
        }
    }

    It 'shows how each rule is fixed, derived from its declared fix' {
        $byId = @{}; foreach ($rule in $All) { $byId[$rule.Id] = $rule }
        $byId['DH102'].Fix | Should -Be 'Safe'
        $byId['DH103'].Fix | Should -Be 'NeedsDecision' -Because 'removing a cap_add entry takes away what the service asked for'
        $byId['DH132'].FixedIn | Should -Be @('Compose', 'Create')
        $byId['DH107'].FixedIn | Should -Be @('Create')
        $byId['DH107'].NotFixable -join ' ' | Should -Match '^Container: .*Compose: '
        $byId['DH014'].FixedIn | Should -Be @('Daemon')
        $byId['DH128'].Fix | Should -Be 'None'
        @($All | Where-Object { $_.Fix -ne 'None' -and -not $_.FixSteps }) | Should -BeNullOrEmpty
        (Get-HardeningRule | Format-Table | Out-String -Width 200) | Should -Match 'DH101 +High +RunAsNonRootUser +2 +4\.1 +NeedsDecision +Container, Compose, Create, Service'
    }

    It 'completes rule ids for the Rule parameter of the audit cmdlets' {
        $line = 'Get-ContainerHardening -Rule DH11'
        $completions = (TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches
        $completions.CompletionText | Should -Contain 'DH117'
        $completions.CompletionText | Should -Not -Contain 'DH101'
    }
}
