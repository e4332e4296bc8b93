<#
.SYNOPSIS
Builds the MAML help file of a binary module from platyPS-schema markdown and the built cmdlets themselves.

.DESCRIPTION
PlatyPS cannot be installed on our build machines, so this script does its job for the subset we use.

Syntax comes from the built module, never from the markdown: the script imports the module in a child pwsh
(so that this session never loads the assembly and a rebuild is never blocked by a loaded dll) and reads
every exported cmdlet's parameter sets, parameter types, Mandatory, Position, pipeline input, aliases,
[SupportsWildcards], [ValidateSet] and enum values. The SYNTAX section and the yaml blocks of the markdown
are therefore informational only; with -Strict, a yaml block that disagrees with the cmdlet is an error.

Prose comes from the markdown (one <Verb-Noun>.md per cmdlet, platyPS v2 schema): SYNOPSIS, DESCRIPTION,
EXAMPLES (### headings; powershell code fences become the example code, `output` fences and text become
the remarks), PARAMETERS (### -Name with a description and a yaml block whose "Default value" is used),
INPUTS, OUTPUTS, NOTES and RELATED LINKS. The front matter's "online version" becomes the first related link,
which Get-Help -Online opens.

The script throws, listing every problem at once, when:
- an exported cmdlet has no markdown file;
- a markdown file (with "external help file" in its front matter) documents a cmdlet the module does not export;
- a markdown file documents a parameter that the cmdlet lacks;
- a cmdlet parameter has no description (WhatIf and Confirm get the standard text when the markdown omits them);
- SYNOPSIS or DESCRIPTION is empty, an example has no code, or a platyPS "{{ Fill ... }}" placeholder is left.

The script also copies every about_*.help.txt found in MarkdownPath into the folder of OutputPath, so the
caller does not need to.

.PARAMETER ModulePath
Path to the built module manifest (.psd1) whose exported cmdlets are documented.

.PARAMETER MarkdownPath
Folder holding the <Verb-Noun>.md cmdlet help files and the about_*.help.txt topics.

.PARAMETER OutputPath
The MAML file to write, normally <module folder>/en-US/<Assembly>.dll-Help.xml. Its folder is created when
missing.

.PARAMETER Strict
Also fail when a parameter's yaml block in the markdown (Type, Required, Position, Aliases, pipeline input,
wildcards, accepted values) disagrees with the built cmdlet. Without it such drift is a warning.

.EXAMPLE
pwsh -NoProfile -File tools/New-MamlHelp.ps1 -ModulePath out/DockerHarden/DockerHarden.psd1 -MarkdownPath en-US -OutputPath out/DockerHarden/en-US/DockerHarden.dll-Help.xml

Writes the MAML file and copies about_DockerHarden.help.txt next to it.

.OUTPUTS
System.IO.FileInfo. The MAML file that was written.
#>
[CmdletBinding()]
[OutputType([System.IO.FileInfo])]
param(
    [Parameter(Mandatory)]
    [string] $ModulePath,

    [Parameter(Mandatory)]
    [string] $MarkdownPath,

    [Parameter(Mandatory)]
    [string] $OutputPath,

    [switch] $Strict
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$MarkdownPath = (Resolve-Path -LiteralPath $MarkdownPath).ProviderPath
$OutputPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($OutputPath)

#region Cmdlet metadata from the built module (child process)

# Runs in a child pwsh: importing there keeps the module's assembly out of this process.
$metadataScript = @'
param([string] $ModulePath)
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

function Get-TypeName([type] $Type, [switch] $Full) {
    if ($Type.IsArray) { return (Get-TypeName $Type.GetElementType() -Full:$Full) + '[]' }
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { return Get-TypeName $underlying -Full:$Full }
    if ($Type.IsGenericType) {
        $definition = $Type.GetGenericTypeDefinition()
        $base = $(if ($Full) { $definition.FullName } else { $definition.Name }) -replace '`\d+$', ''
        $arguments = foreach ($a in $Type.GetGenericArguments()) { Get-TypeName $a -Full:$Full }
        return "$base[$($arguments -join ', ')]"
    }
    if ($Full) { return $Type.FullName }
    return $Type.Name
}

$module = Import-Module -Name $ModulePath -PassThru -Force -DisableNameChecking -ErrorAction Stop |
    Where-Object { $_.Path -eq $ModulePath -or $_.ModuleBase -eq (Split-Path $ModulePath) } |
    Select-Object -First 1
if (-not $module) { $module = Get-Module | Where-Object ModuleBase -eq (Split-Path $ModulePath) | Select-Object -First 1 }
$common = [System.Management.Automation.Cmdlet]::CommonParameters + 'UseTransaction'

$commands = foreach ($cmd in ($module.ExportedCmdlets.Values | Sort-Object Name)) {
    $parameters = foreach ($p in $cmd.Parameters.Values) {
        if ($common -contains $p.Name) { continue }
        $accepted = @()
        foreach ($a in $p.Attributes) {
            if ($a -is [System.Management.Automation.ValidateSetAttribute]) { $accepted = @($a.ValidValues) }
        }
        $elementType = if ($p.ParameterType.IsArray) { $p.ParameterType.GetElementType() } else { $p.ParameterType }
        $elementType = [Nullable]::GetUnderlyingType($elementType) ?? $elementType
        if (-not $accepted -and $elementType.IsEnum) { $accepted = @([Enum]::GetNames($elementType)) }
        [pscustomobject]@{
            Name           = $p.Name
            Type           = Get-TypeName $p.ParameterType
            FullType       = Get-TypeName $p.ParameterType -Full
            IsSwitch       = $p.SwitchParameter
            IsArray        = $p.ParameterType.IsArray
            Aliases        = @($p.Aliases)
            Globbing       = [bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
            AcceptedValues = $accepted
        }
    }
    $sets = foreach ($set in $cmd.ParameterSets) {
        [pscustomobject]@{
            Name       = $set.Name
            IsDefault  = $set.IsDefault
            Parameters = @(foreach ($p in $set.Parameters) {
                if ($common -contains $p.Name) { continue }
                [pscustomobject]@{
                    Name           = $p.Name
                    IsMandatory    = $p.IsMandatory
                    Position       = $p.Position
                    ByValue        = $p.ValueFromPipeline
                    ByPropertyName = $p.ValueFromPipelineByPropertyName
                    Remaining      = $p.ValueFromRemainingArguments
                }
            })
        }
    }
    [pscustomobject]@{
        Name          = $cmd.Name
        Verb          = $cmd.Verb
        Noun          = $cmd.Noun
        HelpFile      = $cmd.HelpFile
        OutputTypes   = @($cmd.OutputType | ForEach-Object Name)
        Parameters    = @($parameters)
        ParameterSets = @($sets)
    }
}
[pscustomobject]@{
    ModuleName = $module.Name
    Commands   = @($commands)
} | ConvertTo-Json -Depth 8 -Compress
'@

function Get-ModuleMetadata([string] $Path) {
    $scriptFile = Join-Path ([IO.Path]::GetTempPath()) ("New-MamlHelp-{0}.ps1" -f [guid]::NewGuid())
    Set-Content -LiteralPath $scriptFile -Value $metadataScript -Encoding utf8
    try {
        # A global-tool pwsh runs as "dotnet pwsh.dll"; start the child the same way this process was started.
        $exe = [Environment]::ProcessPath
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $output = & $exe @prefix -NoProfile -NonInteractive -File $scriptFile -ModulePath $Path 2>&1
        $exit = $LASTEXITCODE
        $text = ($output | ForEach-Object { "$_" }) -join "`n"
        if ($exit -ne 0) { throw "Importing '$Path' in a child pwsh failed (exit code $exit):`n$text" }
        $json = @($output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object { "$_" }) |
            Where-Object { $_.StartsWith('{') } | Select-Object -Last 1
        if (-not $json) { throw "The child pwsh wrote no metadata for '$Path':`n$text" }
        return $json | ConvertFrom-Json
    }
    finally {
        Remove-Item -LiteralPath $scriptFile -ErrorAction SilentlyContinue
    }
}

#endregion

#region Markdown parsing (platyPS v2 schema)

# Turns markdown lines into help paragraphs: blank lines separate paragraphs, wrapped lines are joined,
# list items and fenced blocks keep their own lines.
function ConvertTo-Paragraph([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $current = [System.Collections.Generic.List[string]]::new()
    $fence = $null
    $flush = {
        if ($current.Count) { $paragraphs.Add(($current -join ' ').Trim()); $current.Clear() }
    }
    foreach ($raw in $Lines) {
        $line = $raw.TrimEnd()
        if ($null -ne $fence) {
            if ($line.Trim() -match '^(```+|~~~+)\s*$' -and $line.Trim().StartsWith($fence)) {
                $paragraphs.Add(($fenceLines -join "`n")); $fence = $null
            }
            else { $fenceLines.Add($raw.TrimEnd()) }
            continue
        }
        if ($line.Trim() -match '^(```+|~~~+)') {
            & $flush
            $fence = $Matches[1]; $fenceLines = [System.Collections.Generic.List[string]]::new()
            continue
        }
        if ($line.Trim() -eq '') { & $flush; continue }
        if ($line -match '^\s*([-*+]|\d+\.)\s+') { & $flush }
        $current.Add((ConvertFrom-InlineMarkdown $line.Trim()))
    }
    & $flush
    if ($null -ne $fence) { $paragraphs.Add(($fenceLines -join "`n")) }
    return , $paragraphs.ToArray()
}

# Console help has no markup: links become "text (url)" (or just text for relative links), emphasis markers go.
function ConvertFrom-InlineMarkdown([string] $Text) {
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\((https?://[^)\s]+)\)', '$1 ($2)')
    $Text = [regex]::Replace($Text, '\[([^\]]+)\]\(([^)]*)\)', '$1')
    $Text = [regex]::Replace($Text, '(\*\*|__)(\S(?:.*?\S)?)\1', '$2')
    return $Text
}

# Splits lines into sections at headings of the given level ("## " or "### "), keeping text before the first.
function Split-Section([string[]] $Lines, [string] $Marker) {
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = [pscustomobject]@{ Title = $null; Lines = [System.Collections.Generic.List[string]]::new() }
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line.TrimStart() -match '^(```|~~~)') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Marker)) {
            $sections.Add($current)
            $current = [pscustomobject]@{ Title = $line.Substring($Marker.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            continue
        }
        $current.Lines.Add($line)
    }
    $sections.Add($current)
    return , $sections.ToArray()
}

# Reads the fenced blocks of a section: returns text lines outside fences and the blocks with their language.
function Get-FencedBlock([string[]] $Lines) {
    $blocks = [System.Collections.Generic.List[object]]::new()
    $text = [System.Collections.Generic.List[string]]::new()
    $block = $null
    foreach ($line in $Lines) {
        if ($null -eq $block -and $line.Trim() -match '^```\s*([\w-]*)') {
            $block = [pscustomobject]@{ Language = $Matches[1].ToLowerInvariant(); Lines = [System.Collections.Generic.List[string]]::new(); TextBefore = $text.ToArray() }
            $text.Clear()
            continue
        }
        if ($null -ne $block -and $line.Trim() -match '^```\s*$') { $blocks.Add($block); $block = $null; continue }
        if ($null -ne $block) { $block.Lines.Add($line.TrimEnd()) } else { $text.Add($line) }
    }
    if ($null -ne $block) { $blocks.Add($block) }
    [pscustomobject]@{ Blocks = $blocks.ToArray(); TrailingText = $text.ToArray() }
}

function ConvertFrom-HelpMarkdown([string] $Path) {
    $lines = (Get-Content -LiteralPath $Path -Encoding utf8) -replace "`r$", ''
    $doc = [ordered]@{
        Path = $Path; FrontMatter = @{}; Name = $null; Synopsis = @(); Description = @(); Examples = @()
        Parameters = [ordered]@{}; Inputs = @(); Outputs = @(); Notes = @(); Links = @()
    }
    $start = 0
    if ($lines.Count -and $lines[0].Trim() -eq '---') {
        for ($i = 1; $i -lt $lines.Count; $i++) {
            if ($lines[$i].Trim() -eq '---') { $start = $i + 1; break }
            if ($lines[$i] -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $doc.FrontMatter[$Matches[1]] = $Matches[2].Trim("'`"") }
        }
    }
    $body = if ($start -lt $lines.Count) { $lines[$start..($lines.Count - 1)] } else { @() }
    foreach ($line in $body) { if ($line -match '^#\s+(\S.*?)\s*$') { $doc.Name = $Matches[1]; break } }

    foreach ($section in (Split-Section $body '## ')) {
        if (-not $section.Title) { continue }
        $sectionLines = $section.Lines.ToArray()
        switch ($section.Title.ToUpperInvariant()) {
            'SYNOPSIS' { $doc.Synopsis = ConvertTo-Paragraph $sectionLines }
            'DESCRIPTION' { $doc.Description = ConvertTo-Paragraph $sectionLines }
            'NOTES' { $doc.Notes = ConvertTo-Paragraph $sectionLines }
            'EXAMPLES' {
                $doc.Examples = @(foreach ($ex in (Split-Section $sectionLines '### ')) {
                    if (-not $ex.Title) { continue }
                    $parsed = Get-FencedBlock $ex.Lines.ToArray()
                    $code = [System.Collections.Generic.List[string]]::new()
                    $remarks = [System.Collections.Generic.List[string]]::new()
                    $introduction = @()
                    $seenCode = $false
                    foreach ($b in $parsed.Blocks) {
                        $before = ConvertTo-Paragraph $b.TextBefore
                        if (-not $seenCode -and $b.Language -ne 'output') { $introduction += $before } else { $remarks.AddRange([string[]]$before) }
                        if ($b.Language -eq 'output') {
                            # Sample output belongs to the remarks, not to the code a reader would copy.
                            $remarks.Add(($b.Lines -join "`n"))
                        }
                        else {
                            $code.Add(($b.Lines -join "`n").Trim("`n")); $seenCode = $true
                        }
                    }
                    $remarks.AddRange([string[]](ConvertTo-Paragraph $parsed.TrailingText))
                    [pscustomobject]@{
                        Title        = $ex.Title
                        Introduction = @($introduction)
                        Code         = ($code | Where-Object { $_ }) -join "`n`n"
                        Remarks      = $remarks.ToArray()
                    }
                })
            }
            'PARAMETERS' {
                foreach ($p in (Split-Section $sectionLines '### ')) {
                    if (-not $p.Title -or $p.Title -eq 'CommonParameters') { continue }
                    $name = $p.Title.TrimStart('-').Trim()
                    $parsed = Get-FencedBlock $p.Lines.ToArray()
                    $descriptionLines = @()
                    $yaml = @()
                    foreach ($b in $parsed.Blocks) {
                        $descriptionLines += $b.TextBefore
                        if ($b.Language -eq 'yaml') {
                            $map = @{}
                            foreach ($l in $b.Lines) { if ($l -match '^\s*([^:]+?)\s*:\s*(.*?)\s*$') { $map[$Matches[1]] = $Matches[2] } }
                            $yaml += $map
                        }
                    }
                    $descriptionLines += $parsed.TrailingText
                    $doc.Parameters[$name] = [pscustomobject]@{
                        Name        = $name
                        Description = ConvertTo-Paragraph $descriptionLines
                        Yaml        = @($yaml)
                    }
                }
            }
            { $_ -in 'INPUTS', 'OUTPUTS' } {
                $items = @(foreach ($t in (Split-Section $sectionLines '### ')) {
                    if (-not $t.Title) { continue }
                    [pscustomobject]@{ Type = $t.Title; Description = ConvertTo-Paragraph $t.Lines.ToArray() }
                })
                if ($_ -eq 'INPUTS') { $doc.Inputs = $items } else { $doc.Outputs = $items }
            }
            'RELATED LINKS' {
                $doc.Links = @(foreach ($l in $sectionLines) {
                    $l = $l.Trim()
                    if (-not $l) { continue }
                    if ($l -match '^[-*]?\s*\[([^\]]+)\]\(([^)]*)\)') {
                        $text = $Matches[1]; $target = $Matches[2]
                        # Only absolute links are URIs to Get-Help; relative ones (about topics, sibling pages) are names.
                        [pscustomobject]@{ Text = $text; Uri = $(if ($target -match '^https?://') { $target } else { '' }) }
                    }
                    else { [pscustomobject]@{ Text = $l.TrimStart('-', '*', ' '); Uri = '' } }
                })
            }
        }
    }
    [pscustomobject]$doc
}

#endregion

#region Validation

# platyPS writes "{{ Fill ... }}" and "{{ Add ... }}" where text is missing; other braces (Go templates) are fine.
function Test-Placeholder([string[]] $Text) { return [bool]($Text | Where-Object { $_ -match '\{\{\s*(Fill|Add)\b' }) }

$standardDescription = @{
    WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run.'
    Confirm = 'Prompts you for confirmation before running the cmdlet.'
}

function Get-PipelineText([bool] $ByValue, [bool] $ByPropertyName) {
    $kinds = @()
    if ($ByPropertyName) { $kinds += 'ByPropertyName' }
    if ($ByValue) { $kinds += 'ByValue' }
    if ($kinds) { return "True ($($kinds -join ', '))" }
    return 'False'
}

# Merges one parameter's per-set facts into the single entry of the PARAMETERS section.
function Get-ParameterSummary($Command, $Parameter) {
    $inSets = @($Command.ParameterSets | Where-Object { @($_.Parameters | ForEach-Object Name) -contains $Parameter.Name })
    $facts = @($inSets | ForEach-Object { $_.Parameters | Where-Object Name -eq $Parameter.Name })
    $default = @($inSets | Where-Object IsDefault | ForEach-Object { $_.Parameters | Where-Object Name -eq $Parameter.Name })
    $positionFact = if ($default) { $default[0] } else { $facts[0] }
    $allSets = $inSets.Count -eq $Command.ParameterSets.Count -or ($inSets.Count -eq 1 -and $inSets[0].Name -eq '__AllParameterSets')
    [pscustomobject]@{
        Required       = [bool](@($facts | Where-Object IsMandatory).Count -eq $facts.Count)
        Position       = if ($positionFact.Position -ge 0) { [string]$positionFact.Position } else { 'named' }
        ByValue        = [bool]($facts | Where-Object ByValue)
        ByPropertyName = [bool]($facts | Where-Object ByPropertyName)
        Sets           = if ($allSets) { '(All)' } else { ($inSets.Name -join ', ') }
    }
}

function Compare-YamlBlock($Command, $Parameter, $Summary, $Yaml) {
    $problems = @()
    $expect = [ordered]@{
        'Type'                       = $Parameter.Type
        'Aliases'                    = ($Parameter.Aliases -join ', ')
        'Required'                   = "$($Summary.Required)"
        'Position'                   = $(if ($Summary.Position -eq 'named') { 'Named' } else { $Summary.Position })
        'Accept pipeline input'      = Get-PipelineText $Summary.ByValue $Summary.ByPropertyName
        'Accept wildcard characters' = "$($Parameter.Globbing)"
    }
    if ($Parameter.AcceptedValues) { $expect['Accepted values'] = ($Parameter.AcceptedValues -join ', ') }
    foreach ($key in $expect.Keys) {
        $actual = if ($Yaml.ContainsKey($key)) { $Yaml[$key] } else { '' }
        $wanted = $expect[$key]
        $same = if ($key -in 'Aliases', 'Accepted values') {
            (@($actual -split ',\s*' | Where-Object { $_ } | Sort-Object) -join ',') -eq (@($wanted -split ',\s*' | Where-Object { $_ } | Sort-Object) -join ',')
        }
        else { $actual -eq $wanted }
        if (-not $same) { $problems += "$($Command.Name) -$($Parameter.Name): markdown yaml says '${key}: $actual' but the cmdlet has '$wanted'" }
    }
    return $problems
}

#endregion

#region MAML writing

$ns = @{
    msh     = 'http://msh'
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

function Write-Para([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    if (-not $Paragraphs) { $W.WriteElementString('maml', 'para', $ns.maml, ''); return }
    foreach ($p in $Paragraphs) { $W.WriteElementString('maml', 'para', $ns.maml, $p) }
}

function Write-Description([System.Xml.XmlWriter] $W, [string[]] $Paragraphs) {
    $W.WriteStartElement('maml', 'description', $ns.maml)
    Write-Para $W $Paragraphs
    $W.WriteEndElement()
}

function Write-DevType([System.Xml.XmlWriter] $W, [string] $TypeName) {
    $W.WriteStartElement('dev', 'type', $ns.dev)
    $W.WriteElementString('maml', 'name', $ns.maml, $TypeName)
    $W.WriteElementString('maml', 'uri', $ns.maml, '')
    $W.WriteEndElement()
}

# One <command:parameter>; $InSyntax selects the syntax form (value group, no value for switches).
function Write-Parameter([System.Xml.XmlWriter] $W, $Parameter, $Fact, [string[]] $Description, [string] $Default, [bool] $InSyntax) {
    $W.WriteStartElement('command', 'parameter', $ns.command)
    $W.WriteAttributeString('required', $(if ($Fact.Required) { 'true' } else { 'false' }))
    $W.WriteAttributeString('variableLength', $(if ($Parameter.IsArray) { 'true' } else { 'false' }))
    $W.WriteAttributeString('globbing', $(if ($Parameter.Globbing) { 'true' } else { 'false' }))
    $W.WriteAttributeString('pipelineInput', (Get-PipelineText $Fact.ByValue $Fact.ByPropertyName))
    $W.WriteAttributeString('position', $Fact.Position)
    $W.WriteAttributeString('aliases', $(if ($Parameter.Aliases) { $Parameter.Aliases -join ', ' } else { 'none' }))
    $W.WriteElementString('maml', 'name', $ns.maml, $Parameter.Name)
    Write-Description $W $Description
    if ($InSyntax -and $Parameter.AcceptedValues) {
        $W.WriteStartElement('command', 'parameterValueGroup', $ns.command)
        foreach ($v in $Parameter.AcceptedValues) {
            $W.WriteStartElement('command', 'parameterValue', $ns.command)
            $W.WriteAttributeString('required', 'false')
            $W.WriteAttributeString('command', 'variableLength', $ns.command, 'false')
            $W.WriteString($v)
            $W.WriteEndElement()
        }
        $W.WriteEndElement()
    }
    elseif (-not ($InSyntax -and $Parameter.IsSwitch)) {
        $W.WriteStartElement('command', 'parameterValue', $ns.command)
        $W.WriteAttributeString('required', $(if ($Parameter.IsSwitch) { 'false' } else { 'true' }))
        $W.WriteAttributeString('variableLength', $(if ($Parameter.IsArray) { 'true' } else { 'false' }))
        $W.WriteString($Parameter.Type)
        $W.WriteEndElement()
    }
    Write-DevType $W $Parameter.FullType
    $W.WriteElementString('dev', 'defaultValue', $ns.dev, $Default)
    $W.WriteEndElement()
}

function Write-TypeList([System.Xml.XmlWriter] $W, [string] $ListName, [string] $ItemName, $Items) {
    $W.WriteStartElement('command', $ListName, $ns.command)
    if (-not $Items) { $Items = @([pscustomobject]@{ Type = 'None'; Description = @() }) }
    foreach ($item in $Items) {
        $W.WriteStartElement('command', $ItemName, $ns.command)
        Write-DevType $W $item.Type
        Write-Description $W $item.Description
        $W.WriteEndElement()
    }
    $W.WriteEndElement()
}

function Write-Command([System.Xml.XmlWriter] $W, $Command, $Doc) {
    $W.WriteStartElement('command', 'command', $ns.command)
    foreach ($prefix in 'maml', 'command', 'dev', 'MSHelp') {
        $W.WriteAttributeString('xmlns', $prefix, $null, $ns[$prefix])
    }

    $W.WriteStartElement('command', 'details', $ns.command)
    $W.WriteElementString('command', 'name', $ns.command, $Command.Name)
    $W.WriteElementString('command', 'verb', $ns.command, $Command.Verb)
    $W.WriteElementString('command', 'noun', $ns.command, $Command.Noun)
    Write-Description $W $Doc.Synopsis
    $W.WriteEndElement()

    Write-Description $W $Doc.Description

    $descriptionOf = {
        param($Parameter)
        if ($Doc.Parameters.Contains($Parameter.Name)) { return , $Doc.Parameters[$Parameter.Name].Description }
        return , @($standardDescription[$Parameter.Name])
    }
    $defaultOf = {
        param($Parameter)
        $value = $null
        if ($Doc.Parameters.Contains($Parameter.Name)) {
            $yaml = @($Doc.Parameters[$Parameter.Name].Yaml)
            if ($yaml.Count -and $yaml[0].ContainsKey('Default value')) { $value = $yaml[0]['Default value'] }
        }
        if ($value) { return $value }
        if ($Parameter.IsSwitch) { return 'False' }
        return 'None'
    }

    # Syntax: the default set first, then the others in declaration order; within a set, positional
    # parameters by position, then mandatory named ones, then the rest, as PowerShell itself shows them.
    $W.WriteStartElement('command', 'syntax', $ns.command)
    $sets = @($Command.ParameterSets | Where-Object IsDefault) + @($Command.ParameterSets | Where-Object { -not $_.IsDefault })
    foreach ($set in $sets) {
        $W.WriteStartElement('command', 'syntaxItem', $ns.command)
        $W.WriteElementString('maml', 'name', $ns.maml, $Command.Name)
        $i = 0
        $ordered = $set.Parameters | ForEach-Object { [pscustomobject]@{ Fact = $_; Index = $i++ } } |
            Sort-Object @{ Expression = { if ($_.Fact.Position -ge 0) { 0 } elseif ($_.Fact.IsMandatory) { 1 } else { 2 } } },
            @{ Expression = { if ($_.Fact.Position -ge 0) { $_.Fact.Position } else { 0 } } }, Index
        foreach ($entry in $ordered) {
            $fact = $entry.Fact
            $parameter = $Command.Parameters | Where-Object Name -eq $fact.Name
            $setFact = [pscustomobject]@{
                Required = $fact.IsMandatory; ByValue = $fact.ByValue; ByPropertyName = $fact.ByPropertyName
                Position = $(if ($fact.Position -ge 0) { [string]$fact.Position } else { 'named' })
            }
            Write-Parameter $W $parameter $setFact (& $descriptionOf $parameter) (& $defaultOf $parameter) $true
        }
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'parameters', $ns.command)
    foreach ($parameter in ($Command.Parameters | Sort-Object Name)) {
        $summary = Get-ParameterSummary $Command $parameter
        Write-Parameter $W $parameter $summary (& $descriptionOf $parameter) (& $defaultOf $parameter) $false
    }
    $W.WriteEndElement()

    Write-TypeList $W 'inputTypes' 'inputType' $Doc.Inputs
    Write-TypeList $W 'returnValues' 'returnValue' $Doc.Outputs

    $W.WriteStartElement('maml', 'alertSet', $ns.maml)
    $W.WriteStartElement('maml', 'alert', $ns.maml)
    Write-Para $W $Doc.Notes
    $W.WriteEndElement()
    $W.WriteEndElement()

    $W.WriteStartElement('command', 'examples', $ns.command)
    foreach ($example in $Doc.Examples) {
        $W.WriteStartElement('command', 'example', $ns.command)
        $W.WriteElementString('maml', 'title', $ns.maml, "---------- $($example.Title) ----------")
        $W.WriteStartElement('maml', 'introduction', $ns.maml)
        # Get-Help prints the introduction and the code on one line (it was meant for a "PS C:\>" prompt),
        # so text written before the code ends with a line break of its own.
        Write-Para $W @($example.Introduction | ForEach-Object { "$_`n" })
        $W.WriteEndElement()
        $W.WriteElementString('dev', 'code', $ns.dev, $example.Code)
        $W.WriteStartElement('dev', 'remarks', $ns.dev)
        # The trailing empty paragraph gives a blank line before the next example's title.
        Write-Para $W (@($example.Remarks) + '')
        $W.WriteEndElement()
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteStartElement('maml', 'relatedLinks', $ns.maml)
    $links = @()
    $online = if ($Doc.FrontMatter.ContainsKey('online version')) { $Doc.FrontMatter['online version'] } else { '' }
    if ($online) { $links += [pscustomobject]@{ Text = 'Online Version:'; Uri = $online } }
    $links += $Doc.Links
    foreach ($link in $links) {
        $W.WriteStartElement('maml', 'navigationLink', $ns.maml)
        $W.WriteElementString('maml', 'linkText', $ns.maml, $link.Text)
        $W.WriteElementString('maml', 'uri', $ns.maml, $link.Uri)
        $W.WriteEndElement()
    }
    $W.WriteEndElement()

    $W.WriteEndElement()
}

#endregion

#region Main

$metadata = Get-ModuleMetadata $ModulePath
$commands = @($metadata.Commands)
if (-not $commands) { throw "Module '$ModulePath' exports no cmdlets; there is nothing to document." }

$docs = @{}
foreach ($file in (Get-ChildItem -LiteralPath $MarkdownPath -Filter '*.md' -File)) {
    $doc = ConvertFrom-HelpMarkdown $file.FullName
    # Only cmdlet pages carry "external help file"; module pages and other notes are not cmdlet help.
    if (-not $doc.FrontMatter.ContainsKey('external help file')) { continue }
    $docs[$(if ($doc.Name) { $doc.Name } else { $file.BaseName })] = $doc
}

$errors = [System.Collections.Generic.List[string]]::new()
$drift = [System.Collections.Generic.List[string]]::new()
foreach ($name in $docs.Keys) {
    if (@($commands | ForEach-Object Name) -notcontains $name) {
        $errors.Add("$($docs[$name].Path) documents '$name', which module '$($metadata.ModuleName)' does not export.")
    }
}

$outputFileName = Split-Path -Leaf $OutputPath
foreach ($command in $commands) {
    if ($command.HelpFile -and $command.HelpFile -ne $outputFileName) {
        $errors.Add("$($command.Name) reads its help from '$($command.HelpFile)', but OutputPath names '$outputFileName'.")
    }
    if (-not $docs.ContainsKey($command.Name)) {
        $errors.Add("$($command.Name) has no markdown help: expected $(Join-Path $MarkdownPath "$($command.Name).md").")
        continue
    }
    $doc = $docs[$command.Name]
    $where = "$($command.Name) ($($doc.Path))"
    if (-not ($doc.Synopsis -join '').Trim()) { $errors.Add("${where}: SYNOPSIS is empty.") }
    if (-not ($doc.Description -join '').Trim()) { $errors.Add("${where}: DESCRIPTION is empty.") }
    if (-not $doc.Examples) { $errors.Add("${where}: EXAMPLES has no example.") }
    foreach ($example in $doc.Examples) {
        if (-not $example.Code.Trim()) { $errors.Add("${where}: example '$($example.Title)' has no code block.") }
    }
    $allText = @($doc.Synopsis) + $doc.Description + $doc.Notes + ($doc.Examples | ForEach-Object { $_.Code; $_.Remarks }) +
        ($doc.Parameters.Values | ForEach-Object { $_.Description }) + ($doc.Inputs + $doc.Outputs | ForEach-Object { $_.Type; $_.Description })
    if (Test-Placeholder $allText) { $errors.Add("${where}: a platyPS '{{ ... }}' placeholder is still in the text.") }

    foreach ($documented in $doc.Parameters.Keys) {
        if (@($command.Parameters | ForEach-Object Name) -notcontains $documented) {
            $errors.Add("${where}: documents parameter -$documented, which the cmdlet does not have.")
        }
    }
    foreach ($parameter in $command.Parameters) {
        $hasText = $doc.Parameters.Contains($parameter.Name) -and ($doc.Parameters[$parameter.Name].Description -join '').Trim()
        if (-not $hasText -and -not $standardDescription.ContainsKey($parameter.Name)) {
            $errors.Add("${where}: parameter -$($parameter.Name) has no description.")
        }
        if ($doc.Parameters.Contains($parameter.Name)) {
            $yaml = @($doc.Parameters[$parameter.Name].Yaml)
            # Several yaml blocks describe per-set differences; only a single block is compared.
            if ($yaml.Count -eq 1) {
                $summary = Get-ParameterSummary $command $parameter
                foreach ($p in (Compare-YamlBlock $command $parameter $summary $yaml[0])) { $drift.Add($p) }
            }
        }
    }
}

if ($Strict) { $errors.AddRange($drift) } else { foreach ($d in $drift) { Write-Warning $d } }
if ($errors.Count) {
    throw "Help for module '$($metadata.ModuleName)' is incomplete ($($errors.Count) problem(s)):`n  - " + ($errors -join "`n  - ")
}

$outputFolder = Split-Path -Parent $OutputPath
$null = New-Item -ItemType Directory -Force -Path $outputFolder

$settings = [System.Xml.XmlWriterSettings]::new()
$settings.Indent = $true
$settings.IndentChars = '  '
$settings.Encoding = [System.Text.UTF8Encoding]::new($false)
$settings.NewLineHandling = [System.Xml.NewLineHandling]::Entitize
$writer = [System.Xml.XmlWriter]::Create($OutputPath, $settings)
try {
    $writer.WriteStartDocument()
    $writer.WriteStartElement('helpItems', $ns.msh)
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($command in ($commands | Sort-Object Name)) { Write-Command $writer $command $docs[$command.Name] }
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
}
finally {
    $writer.Dispose()
}

# A malformed file would make Get-Help fall back to the bare syntax silently; check it parses.
$null = [xml](Get-Content -LiteralPath $OutputPath -Raw -Encoding utf8)

foreach ($about in (Get-ChildItem -LiteralPath $MarkdownPath -Filter 'about_*.help.txt' -File)) {
    Copy-Item -LiteralPath $about.FullName -Destination $outputFolder -Force
}

Write-Verbose "Wrote help for $($commands.Count) cmdlet(s) to $OutputPath"
Get-Item -LiteralPath $OutputPath

#endregion
