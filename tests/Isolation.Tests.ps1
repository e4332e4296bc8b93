# Dependency isolation: DockerHarden's Docker.DotNet, logging abstractions and YamlDotNet load into a private
# AssemblyLoadContext, so another module's older copies (loaded before or after us) break neither side.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSReviewUnusedParameter', '', Justification = 'The scenario''s parameters are read by its nested function Add-Foreign, which the rule does not look into.')]
param()

BeforeDiscovery {
    $script:Orders = @(
        @{ Order = 'foreign assemblies first'; ForeignFirst = $true }
        @{ Order = 'DockerHarden first'; ForeignFirst = $false }
    )
}

BeforeAll {
    foreach ($name in 'DOCKERHARDEN_MODULE', 'DOCKERHARDEN_FOREIGN_YAMLDOTNET', 'DOCKERHARDEN_FOREIGN_LOGGING') {
        if (-not [Environment]::GetEnvironmentVariable($name)) { throw "$name is not set: run the suites through build.ps1 -Task Test." }
    }
    Import-Module (Join-Path $PSScriptRoot 'TestEngine.psm1') -Force
    $script:Pwsh = Get-PwshPath

    # Runs the scenario in a fresh process: assemblies cannot be unloaded from the default context.
    function Invoke-Scenario([bool] $ForeignFirst) {
        $script = {
            param($Module, $Yaml, $Logging, $ForeignFirst)
            $ErrorActionPreference = 'Stop'
            $result = [ordered]@{}
            function Add-Foreign { Add-Type -Path $Yaml; Add-Type -Path $Logging }
            if ($ForeignFirst) { Add-Foreign }
            Import-Module $Module
            $first = @(Get-ContainerHardening -All -Label 'dockerharden.isolation=none' -ErrorAction Stop)
            $result.FirstAuditOk = $true
            if (-not $ForeignFirst) { Add-Foreign }
            # A policy file makes the module parse YAML with its own YamlDotNet while the foreign one is loaded.
            $policy = Join-Path ([IO.Path]::GetTempPath()) "dh-isolation-$PID.yml"
            Set-Content -LiteralPath $policy -Value "waivers:`n  - rule: DH131`n    reason: isolation test`n"
            try { $second = @(Get-ContainerHardening -All -Policy $policy -ErrorAction Stop | Select-Object -First 1) }
            finally { Remove-Item -LiteralPath $policy }
            $result.SecondAuditOk = $true
            $result.SecondAuditReports = $second.Count
            # The foreign YamlDotNet still works for its owner.
            $doc = (New-Object YamlDotNet.Serialization.DeserializerBuilder).Build().Deserialize[object]("a: 1")
            $result.ForeignYamlWorks = $doc['a'] -eq '1'
            $default = [System.Runtime.Loader.AssemblyLoadContext]::Default.Assemblies
            $result.DefaultYamlVersion = ($default | Where-Object { $_.GetName().Name -eq 'YamlDotNet' }).GetName().Version.ToString()
            $result.DefaultLoggingVersion = ($default | Where-Object { $_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' }).GetName().Version.ToString()
            $private = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'DockerHarden.Dependencies'
            $result.PrivateContexts = @($private).Count
            $result.PrivateLoggingVersion = ($private.Assemblies | Where-Object { $_.GetName().Name -eq 'Microsoft.Extensions.Logging.Abstractions' }).GetName().Version.ToString()
            $result.PrivateYamlVersion = ($private.Assemblies | Where-Object { $_.GetName().Name -eq 'YamlDotNet' }).GetName().Version.ToString()
            $result.DockerDotNetInDefault = @($default | Where-Object { $_.GetName().Name -like 'Docker.DotNet*' }).Count
            $result | ConvertTo-Json -Compress
        }
        $output = & $script:Pwsh -NoProfile -NonInteractive -Command $script -args $env:DOCKERHARDEN_MODULE, $env:DOCKERHARDEN_FOREIGN_YAMLDOTNET, $env:DOCKERHARDEN_FOREIGN_LOGGING, $ForeignFirst 2>&1
        $json = $output | Where-Object { $_ -is [string] -and $_.StartsWith('{') } | Select-Object -Last 1
        if (-not $json) { throw "The scenario failed: $($output -join [Environment]::NewLine)" }
        $json | ConvertFrom-Json
    }
}

Describe 'Dependency isolation (<Order>)' -ForEach $Orders {
    BeforeAll { $script:R = Invoke-Scenario $ForeignFirst }

    It 'audits before and after the foreign assemblies are loaded' {
        $R.FirstAuditOk | Should -BeTrue
        $R.SecondAuditOk | Should -BeTrue
    }

    It 'leaves the foreign YamlDotNet 11 in the default context, working' {
        $R.DefaultYamlVersion | Should -Be '11.0.0.0'
        $R.ForeignYamlWorks | Should -BeTrue
    }

    It 'leaves the foreign logging abstractions 6 in the default context' {
        $R.DefaultLoggingVersion | Should -Be '6.0.0.0'
    }

    It 'keeps its own versions in one private context' {
        $R.PrivateContexts | Should -Be 1
        $R.PrivateLoggingVersion | Should -Be '8.0.0.0'
        $R.PrivateYamlVersion | Should -BeLike '18.*'
        $R.DockerDotNetInDefault | Should -Be 0
    }
}
