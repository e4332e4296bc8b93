<#
.SYNOPSIS
    Runs every Pester suite (tests/*.Tests.ps1) against the built module and writes the totals as JSON.
.DESCRIPTION
    Called by build.ps1 -Task Test in a child pwsh, so the module under test is imported fresh. Needs
    DOCKERHARDEN_MODULE (the built .psd1) and DOCKERHARDEN_PESTER (Pester.psd1) in the environment.
#>
param(
    [string] $Filter = $(if ($env:DOCKERHARDEN_TEST_FILTER) { $env:DOCKERHARDEN_TEST_FILTER } else { '*' }),
    [Parameter(Mandatory)] [string] $ResultPath
)
$ErrorActionPreference = 'Stop'
Import-Module $env:DOCKERHARDEN_PESTER -Force

$config = New-PesterConfiguration
$config.Run.Path = @(Get-ChildItem -Path $PSScriptRoot -Filter "$Filter.Tests.ps1" | Select-Object -ExpandProperty FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultPath, '.xml')
$config.TestResult.OutputFormat = 'JUnitXml'

$run = Invoke-Pester -Configuration $config
# A suite that fails in BeforeAll/discovery counts its tests as failed; count the broken containers too.
$failed = $run.FailedCount + $run.FailedBlocksCount + $run.FailedContainersCount
[pscustomobject]@{ Passed = $run.PassedCount; Failed = $failed; Skipped = $run.SkippedCount + $run.NotRunCount } |
    ConvertTo-Json | Set-Content -Path $ResultPath
