#Requires -Version 7.4
# The build's help step (tools/ModuleHelp.psm1, PlatyPS): a page that drifts from its command fails the build with a
# message naming the page and the parameter. Checked on temporary copies: a copy of en-US against the built module,
# and a throwaway script module whose command gains a parameter its page does not have. The real tree is not touched.
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseDeclaredVarsMoreThanAssignments', '', Justification = 'Pester runs BeforeAll, BeforeEach and It as separate script blocks: a variable set in one and read in another looks unused to the rule.')]
[Diagnostics.CodeAnalysis.SuppressMessageAttribute('PSUseShouldProcessForStateChangingFunctions', '', Scope = 'Function', Target = '*', Justification = 'Test fixtures: they write only into this suite''s temporary folder.')]
param()

BeforeAll {
    if (-not $env:DOCKERHARDEN_MODULE) { throw 'DOCKERHARDEN_MODULE is not set: run the suites through build.ps1 -Task Test.' }
    $script:Root = Split-Path $PSScriptRoot -Parent
    Import-Module (Join-Path $Root 'tools/ModuleHelp.psm1') -Force
    $script:Work = Join-Path ([IO.Path]::GetTempPath()) "dh-help-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
    $null = New-Item -ItemType Directory -Path $Work

    # A copy of the real pages, with one parameter's section taken out.
    function Copy-PageSet([string] $Name) {
        $dir = Join-Path $Work $Name
        $null = New-Item -ItemType Directory -Path $dir
        Copy-Item (Join-Path $Root 'en-US/*') $dir
        $dir
    }
    function Remove-PageSection([string] $Path, [string] $Heading) {
        $text = Get-Content -Raw $Path
        $pattern = "(?ms)^### $([regex]::Escape($Heading))\r?\n.*?(?=^### |^## )"
        if ($text -notmatch $pattern) { throw "$Path has no section '### $Heading'." }
        Set-Content -Path $Path -Value ([regex]::Replace($text, $pattern, '')) -NoNewline
    }

    # A throwaway module with one function, and its page in the same schema as en-US/*.md.
    function New-WidgetModule([string] $Name, [string] $ParamBlock) {
        $dir = Join-Path $Work $Name
        $null = New-Item -ItemType Directory -Path (Join-Path $dir 'en-US')
        Set-Content (Join-Path $dir "$Name.psm1") "function Get-Widget {`n    [CmdletBinding()]`n    param($ParamBlock)`n}"
        New-ModuleManifest -Path (Join-Path $dir "$Name.psd1") -RootModule "$Name.psm1" -FunctionsToExport 'Get-Widget' -ModuleVersion 1.0.0
        $page = @'
---
external help file: {0}-help.xml
Module Name: {0}
online version:
schema: 2.0.0
---

# Get-Widget

## SYNOPSIS
Gets a widget.

## SYNTAX

```
Get-Widget [[-Name] <String>] [<CommonParameters>]
```

## DESCRIPTION
Gets the widget of that name.

## EXAMPLES

### Example 1: One widget
```powershell
Get-Widget -Name w1
```

Gets w1.

## PARAMETERS

### -Name
The widget's name.

```yaml
Type: String
Parameter Sets: (All)
Aliases:

Required: False
Position: 0
Default value: None
Accept pipeline input: False
Accept wildcard characters: False
```

### CommonParameters
This cmdlet supports the common parameters.

## INPUTS

### None

## OUTPUTS

### System.Object

## NOTES

## RELATED LINKS
'@ -f $Name
        Set-Content (Join-Path $dir 'en-US/Get-Widget.md') $page
        $dir
    }
    function Invoke-HelpExport([string] $ModulePath, [string] $MarkdownPath) {
        $out = Join-Path $Work "out-$([guid]::NewGuid().ToString('n').Substring(0, 8))"
        Export-ModuleHelp -ModulePath $ModulePath -MarkdownPath $MarkdownPath -OutputPath $out
    }
}

AfterAll {
    Remove-Module Widget*, ModuleHelp -ErrorAction SilentlyContinue
    Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $Work
}

Describe 'The help step against the built module' {
    It 'builds help from the real pages (they match the cmdlets)' {
        $file = Invoke-HelpExport $env:DOCKERHARDEN_MODULE (Join-Path $Root 'en-US')
        $file.Name | Should -Be 'DockerHarden.dll-Help.xml'
        Test-Path (Join-Path $file.DirectoryName 'about_DockerHarden.help.txt') | Should -BeTrue
    }

    It 'fails when a page loses a parameter''s section, naming the page and the parameter' {
        $pages = Copy-PageSet 'missing-section'
        Remove-PageSection (Join-Path $pages 'Get-ContainerHardening.md') '-ExcludeRule'
        { Invoke-HelpExport $env:DOCKERHARDEN_MODULE $pages } |
            Should -Throw -ExpectedMessage '*Get-ContainerHardening.md: parameter -ExcludeRule of Get-ContainerHardening has no section under PARAMETERS*'
    }

    It 'fails when a page documents a parameter the cmdlet lacks' {
        $pages = Copy-PageSet 'stale-section'
        $path = Join-Path $pages 'Get-HardeningRule.md'
        (Get-Content -Raw $path) -replace '(?m)^### -View$', '### -Viewpoint' | Set-Content -Path $path -NoNewline
        $thrown = { Invoke-HelpExport $env:DOCKERHARDEN_MODULE $pages } | Should -Throw -PassThru
        $thrown.Exception.Message | Should -BeLike '*Get-HardeningRule.md: documents parameter -Viewpoint, which Get-HardeningRule does not have*'
        $thrown.Exception.Message | Should -BeLike '*Get-HardeningRule.md: parameter -View of Get-HardeningRule has no section*'
    }

    It 'fails when the SYNTAX block is stale (a parameter missing from a set)' {
        $pages = Copy-PageSet 'stale-syntax'
        $path = Join-Path $pages 'Get-HardeningRule.md'
        (Get-Content -Raw $path) -replace ' \[-MinimumSeverity <Severity>\]', '' | Set-Content -Path $path -NoNewline
        { Invoke-HelpExport $env:DOCKERHARDEN_MODULE $pages } |
            Should -Throw -ExpectedMessage '*Get-HardeningRule.md: SYNTAX of set * lacks parameter -MinimumSeverity of Get-HardeningRule*'
    }

    It 'shows parameter default values and example code in Get-Help (what Export-MamlCommandHelp leaves out)' {
        Import-Module $env:DOCKERHARDEN_MODULE -Force
        (Get-Help Get-HardeningRule -Parameter MinimumSeverity).defaultValue | Should -Be 'Info'
        $example = @((Get-Help Get-HardeningRule -Examples).examples.example)[0]
        $example.code | Should -Be 'Get-HardeningRule'
        ($example.remarks.Text -join "`n") | Should -Not -Match '```'
    }
}

Describe 'The help step against a command that gains a parameter' {
    It 'passes while the page lists every parameter' {
        $dir = New-WidgetModule 'WidgetBefore' '[Parameter(Position = 0)] [string] $Name'
        $file = Invoke-HelpExport (Join-Path $dir 'WidgetBefore.psd1') (Join-Path $dir 'en-US')
        $file.Name | Should -Be 'WidgetBefore-help.xml'
    }

    It 'fails once the command has a parameter without a page entry, naming the page and the parameter' {
        $dir = New-WidgetModule 'WidgetAfter' '[Parameter(Position = 0)] [string] $Name, [switch] $Force'
        $thrown = { Invoke-HelpExport (Join-Path $dir 'WidgetAfter.psd1') (Join-Path $dir 'en-US') } | Should -Throw -PassThru
        $thrown.Exception.Message | Should -BeLike '*en-US/Get-Widget.md: parameter -Force of Get-Widget has no section under PARAMETERS*'
        $thrown.Exception.Message | Should -BeLike '*en-US/Get-Widget.md: SYNTAX of set * lacks parameter -Force of Get-Widget*'
    }

    It 'fails when the page gives a parameter the wrong position' {
        $dir = New-WidgetModule 'WidgetMoved' '[Parameter(Position = 1)] [string] $Name'
        { Invoke-HelpExport (Join-Path $dir 'WidgetMoved.psd1') (Join-Path $dir 'en-US') } |
            Should -Throw -ExpectedMessage '*Get-Widget.md: parameter -Name of Get-Widget has position 1 in set *, the page says 0*'
    }
}

Describe 'Split-ExampleMarkdown' {
    It 'takes the code fence as the code and unwraps the output fence into the remarks' {
        $parts = Split-ExampleMarkdown "Before.`n`n``````powershell`nGet-Thing -All`n```````n`n``````output`nName`n----`n```````n`nAfter."
        $parts.Introduction | Should -Be @('Before.')
        $parts.Code | Should -Be 'Get-Thing -All'
        $parts.Remarks | Should -Be @("Name`n----", 'After.')
    }
}
