<#
    Help for the built module through PlatyPS (Microsoft.PowerShell.PlatyPS, see build.requirements.psd1).

    Export-ModuleHelp is the build step: the pages (en-US/*.md, platyPS schema 2.0 or 2024-05-01: PlatyPS reads
    both) are read with Import-MarkdownCommandHelp, the built cmdlets with New-CommandHelp, and the build fails
    when the two disagree (Compare-HelpDrift). The MAML comes from Export-MamlCommandHelp; Complete-MamlHelp then
    fills in what PlatyPS 1.0 leaves out of it by design or by bug, so that Get-Help shows as much as the pages say.
    Runs in a child pwsh (build.ps1 starts it): importing the built module there keeps its dll out of the build.
#>
Set-StrictMode -Version 3.0

# The one version, from build.requirements.psd1 (build.ps1 has checked that it is on PSModulePath).
$requirements = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../build.requirements.psd1')
Import-Module Microsoft.PowerShell.PlatyPS -RequiredVersion $requirements['Microsoft.PowerShell.PlatyPS'].version.Trim('[]') -ErrorAction Stop

$Namespaces = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

# PowerShell's short names (New-CommandHelp's syntax says int, long) for the framework types pages name.
$TypeAliases = @{ int = 'int32'; long = 'int64'; short = 'int16'; bool = 'boolean'; float = 'single'; switch = 'switchparameter' }

function Get-TypeKey([string] $Name) {
    # Pages name types short (String[], Int32), New-CommandHelp full (System.String[], System.Nullable`1[System.Int32])
    # or as PowerShell does (string[], int): compare the bare, case-folded name.
    $bare = $Name -replace '^System\.Nullable`1\[(.*)\]$', '$1' -replace '^.*\.', ''
    $array = if ($bare.EndsWith('[]')) { '[]' } else { '' }
    $core = $bare.TrimEnd('[', ']').ToLowerInvariant()
    ($TypeAliases[$core] ?? $core) + $array
}

function Get-PositionKey([string] $Position) {
    if ($Position -match '^\d+$') { return $Position }
    'named'
}

function Get-AcceptedValue([System.Management.Automation.ParameterMetadata] $Parameter) {
    # New-CommandHelp leaves AcceptedValues empty for enums; Get-Help shows the page's list, so it must be current.
    $set = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return @($set.ValidValues) }
    $type = if ($Parameter.ParameterType.IsArray) { $Parameter.ParameterType.GetElementType() } else { $Parameter.ParameterType }
    $type = [Nullable]::GetUnderlyingType($type) ?? $type
    if ($type.IsEnum) { return @([Enum]::GetNames($type)) }
    @()
}

function Compare-HelpDrift {
    <#
    .SYNOPSIS
        Lists every difference between a command's page and the command itself: parameters missing from the page or
        documented without existing, and stale syntax or parameter metadata. Each line names the page and the parameter.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param(
        # The page, from Import-MarkdownCommandHelp.
        [Parameter(Mandatory)] $PageHelp,
        # The command, from New-CommandHelp.
        [Parameter(Mandatory)] $CommandHelp,
        # The command itself, for what New-CommandHelp does not carry (accepted values of enums).
        [System.Management.Automation.CommandInfo] $Command,
        # How the page is named in messages.
        [Parameter(Mandatory)] [string] $PagePath
    )
    $name = $CommandHelp.Title
    $pageParameters = @{}
    foreach ($p in $PageHelp.Parameters) { $pageParameters[$p.Name] = $p }
    $codeParameters = @{}
    foreach ($p in $CommandHelp.Parameters) { $codeParameters[$p.Name] = $p }

    foreach ($p in $CommandHelp.Parameters) {
        if (-not $pageParameters.ContainsKey($p.Name)) {
            "${PagePath}: parameter -$($p.Name) of $name has no section under PARAMETERS."
            continue
        }
        $page = $pageParameters[$p.Name]
        if (-not "$($page.Description)".Trim()) { "${PagePath}: parameter -$($p.Name) of $name has no description." }
        if ((Get-TypeKey $page.Type) -ne (Get-TypeKey $p.Type)) {
            "${PagePath}: parameter -$($p.Name) of $name is $($p.Type), the page says $($page.Type)."
        }
        $codeAliases = @($p.Aliases | Where-Object { $_ }) | Sort-Object
        $pageAliases = @($page.Aliases | Where-Object { $_ }) | Sort-Object
        if (($codeAliases -join ',') -ne ($pageAliases -join ',')) {
            "${PagePath}: parameter -$($p.Name) of $name has aliases '$($codeAliases -join ', ')', the page says '$($pageAliases -join ', ')'."
        }
        if ($p.SupportsWildcards -ne $page.SupportsWildcards) {
            "${PagePath}: parameter -$($p.Name) of $name accepts wildcards: $($p.SupportsWildcards), the page says $($page.SupportsWildcards)."
        }
        if ($Command) {
            $accepted = @(Get-AcceptedValue $Command.Parameters[$p.Name]) | Sort-Object
            $pageAccepted = @($page.AcceptedValues | Where-Object { $_ }) | Sort-Object
            if ($accepted -and (($accepted -join ',') -ne ($pageAccepted -join ','))) {
                "${PagePath}: parameter -$($p.Name) of $name accepts $($accepted -join ', '), the page says '$($pageAccepted -join ', ')'."
            }
        }
        # The yaml block is per set; "(All)" on either side stands for every set.
        foreach ($set in $p.ParameterSets) {
            $pageSet = @($page.ParameterSets | Where-Object { $_.Name -eq $set.Name -or $_.Name -eq '(All)' -or $set.Name -eq '(All)' })[0]
            if (-not $pageSet) { "${PagePath}: parameter -$($p.Name) of $name is in parameter set $($set.Name), which its yaml block does not name."; continue }
            foreach ($property in 'IsRequired', 'ValueFromPipeline', 'ValueFromPipelineByPropertyName') {
                if ($set.$property -ne $pageSet.$property) {
                    "${PagePath}: parameter -$($p.Name) of $name has $property $($set.$property) in set $($set.Name), the page says $($pageSet.$property)."
                }
            }
            if ((Get-PositionKey $set.Position) -ne (Get-PositionKey $pageSet.Position)) {
                "${PagePath}: parameter -$($p.Name) of $name has position $($set.Position) in set $($set.Name), the page says $($pageSet.Position)."
            }
        }
    }
    foreach ($p in $PageHelp.Parameters) {
        if (-not $codeParameters.ContainsKey($p.Name)) { "${PagePath}: documents parameter -$($p.Name), which $name does not have." }
    }

    # SYNTAX: one block per parameter set, with the same parameters, types, positions and mandatory flags.
    $codeSyntax = @($CommandHelp.Syntax)
    $pageSyntax = @($PageHelp.Syntax)
    foreach ($syntax in $codeSyntax) {
        $setName = $syntax.ParameterSetName
        # A cmdlet without named sets has one syntax; its page may call it anything (Default, __AllParameterSets).
        $match = if ($codeSyntax.Count -eq 1 -and $pageSyntax.Count -eq 1) { $pageSyntax[0] } else { $pageSyntax | Where-Object ParameterSetName -eq $setName | Select-Object -First 1 }
        if (-not $match) { "${PagePath}: SYNTAX has no block for parameter set $setName of $name."; continue }
        $pageByName = @{}
        foreach ($sp in $match.SyntaxParameters) { $pageByName[$sp.ParameterName] = $sp }
        foreach ($sp in $syntax.SyntaxParameters) {
            if (-not $pageByName.ContainsKey($sp.ParameterName)) { "${PagePath}: SYNTAX of set $setName lacks parameter -$($sp.ParameterName) of $name."; continue }
            $ps = $pageByName[$sp.ParameterName]
            $pageByName.Remove($sp.ParameterName)
            $code = '{0} {1} {2}' -f (Get-TypeKey $sp.ParameterType), (Get-PositionKey $sp.Position), $sp.IsMandatory
            $written = '{0} {1} {2}' -f (Get-TypeKey $ps.ParameterType), (Get-PositionKey $ps.Position), $ps.IsMandatory
            if ($code -ne $written) {
                "${PagePath}: SYNTAX of set $setName shows -$($sp.ParameterName) of $name as (type position mandatory) '$written', the cmdlet has '$code'."
            }
        }
        foreach ($extra in $pageByName.Keys) { "${PagePath}: SYNTAX of set $setName shows parameter -$extra, which set $setName of $name does not have." }
    }
    if ($codeSyntax.Count -ne 1 -or $pageSyntax.Count -ne 1) {
        foreach ($syntax in $pageSyntax) {
            if ($codeSyntax.ParameterSetName -notcontains $syntax.ParameterSetName) { "${PagePath}: SYNTAX shows parameter set $($syntax.ParameterSetName), which $name does not have." }
        }
    }
}

function Split-ExampleMarkdown([string] $Markdown) {
    # PlatyPS 1.0 keeps an example as one markdown string; Get-Help wants the code apart from the prose.
    # The first fenced block that is not output (powershell, or yaml for a CI file) and the ones right after it
    # are the code; text before them the introduction; the rest, with output fences unwrapped, the remarks.
    $intro = [System.Collections.Generic.List[string]]::new()
    $code = [System.Collections.Generic.List[string]]::new()
    $remarks = [System.Collections.Generic.List[string]]::new()
    $pattern = '(?ms)^```[ \t]*([\w-]*)[ \t]*\r?\n(.*?)\r?\n```[ \t]*$'
    $at = 0
    foreach ($m in [regex]::Matches($Markdown, $pattern)) {
        $before = $Markdown.Substring($at, $m.Index - $at).Trim()
        if ($before) { if ($code.Count) { $remarks.Add($before) } else { $intro.Add($before) } }
        $language = $m.Groups[1].Value
        if ($language -notin 'output', 'text', 'console' -and -not $remarks.Count) { $code.Add($m.Groups[2].Value) }
        else { $remarks.Add($m.Groups[2].Value) }
        $at = $m.Index + $m.Length
    }
    $rest = $Markdown.Substring($at).Trim()
    if ($rest) { if ($code.Count) { $remarks.Add($rest) } else { $intro.Add($rest) } }
    [pscustomobject]@{ Introduction = @($intro); Code = ($code -join "`n`n"); Remarks = @($remarks) }
}

function Write-MamlParagraph([System.Xml.XmlElement] $Parent, [string[]] $Paragraph) {
    $Parent.RemoveAll()
    foreach ($text in $Paragraph) {
        $para = $Parent.OwnerDocument.CreateElement('maml', 'para', $Namespaces.maml)
        $para.InnerText = $text
        $null = $Parent.AppendChild($para)
    }
}

function Complete-MamlHelp {
    <#
    .SYNOPSIS
        Fills in what Export-MamlCommandHelp 1.0 leaves out: example code (PlatyPS issues 792 and 799: it writes the
        whole markdown, fences included, as the introduction), parameter default values (issue 801), and link uris
        that Get-Help cannot open (a relative page link becomes a name-only link, as Get-Help expects).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        # The pages the file was made from, from Import-MarkdownCommandHelp.
        [Parameter(Mandatory)] [object[]] $CommandHelp
    )
    $xml = [xml]::new()
    $xml.PreserveWhitespace = $false
    $xml.Load($Path)
    $ns = [System.Xml.XmlNamespaceManager]::new($xml.NameTable)
    foreach ($prefix in $Namespaces.Keys) { $ns.AddNamespace($prefix, $Namespaces[$prefix]) }

    foreach ($commandNode in $xml.SelectNodes('//command:command', $ns)) {
        $name = $commandNode.SelectSingleNode('command:details/command:name', $ns).InnerText
        $page = $CommandHelp | Where-Object Title -eq $name | Select-Object -First 1
        if (-not $page) { continue }

        $exampleNodes = @($commandNode.SelectNodes('command:examples/command:example', $ns))
        for ($i = 0; $i -lt $exampleNodes.Count -and $i -lt $page.Examples.Count; $i++) {
            $parts = Split-ExampleMarkdown $page.Examples[$i].Remarks
            $node = $exampleNodes[$i]
            $node.SelectSingleNode('maml:title', $ns).InnerText = "---------- $($page.Examples[$i].Title) ----------"
            # Get-Help prints the introduction and the code on one line (made for a "PS C:\>" prompt).
            Write-MamlParagraph $node.SelectSingleNode('maml:introduction', $ns) @($parts.Introduction | ForEach-Object { "$_`n" })
            $node.SelectSingleNode('dev:code', $ns).InnerText = $parts.Code
            # The trailing empty paragraph gives a blank line before the next example's title.
            Write-MamlParagraph $node.SelectSingleNode('dev:remarks', $ns) (@($parts.Remarks) + '')
        }

        foreach ($parameterNode in $commandNode.SelectNodes('command:parameters/command:parameter', $ns)) {
            $parameterName = $parameterNode.SelectSingleNode('maml:name', $ns).InnerText
            $parameter = $page.Parameters | Where-Object Name -eq $parameterName | Select-Object -First 1
            if (-not $parameter -or -not $parameter.DefaultValue -or $parameterNode.SelectSingleNode('dev:defaultValue', $ns)) { continue }
            $default = $xml.CreateElement('dev', 'defaultValue', $Namespaces.dev)
            $default.InnerText = $parameter.DefaultValue
            $null = $parameterNode.AppendChild($default)
        }

        foreach ($uri in $commandNode.SelectNodes('command:relatedLinks/maml:navigationLink/maml:uri', $ns)) {
            if ($uri.InnerText -and -not [uri]::IsWellFormedUriString($uri.InnerText, [UriKind]::Absolute)) { $uri.InnerText = '' }
        }
    }
    $settings = [System.Xml.XmlWriterSettings]::new()
    $settings.Indent = $true
    $settings.Encoding = [System.Text.UTF8Encoding]::new($false)
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try { $xml.Save($writer) } finally { $writer.Dispose() }
}

function Export-ModuleHelp {
    <#
    .SYNOPSIS
        Builds the MAML help of a module from its pages with PlatyPS, after checking the pages against the module's
        commands; copies the about_ topics beside it. Throws, listing every problem, when a page is missing, stale or
        incomplete.
    #>
    [CmdletBinding()]
    [OutputType([System.IO.FileInfo])]
    param(
        # The built module's manifest.
        [Parameter(Mandatory)] [string] $ModulePath,
        # Folder of <Verb-Noun>.md pages and about_*.help.txt topics.
        [Parameter(Mandatory)] [string] $MarkdownPath,
        # Folder that receives <module>.dll-Help.xml and the about topics (the module's en-US).
        [Parameter(Mandatory)] [string] $OutputPath
    )
    $module = Import-Module $ModulePath -PassThru -Force -ErrorAction Stop
    $commands = @(Get-Command -Module $module.Name -CommandType Cmdlet, Function | Sort-Object Name)
    if (-not $commands) { throw "Module '$ModulePath' exports no commands; there is nothing to document." }

    $problems = [System.Collections.Generic.List[string]]::new()
    $pages = foreach ($file in (Get-ChildItem -LiteralPath $MarkdownPath -Filter '*.md' -File | Sort-Object Name)) {
        $help = Import-MarkdownCommandHelp -Path $file.FullName
        $relative = [IO.Path]::GetRelativePath((Split-Path $MarkdownPath -Parent), $file.FullName)
        $help | Add-Member -NotePropertyName PagePath -NotePropertyValue $relative -PassThru
    }
    foreach ($page in $pages) {
        if ($commands.Name -notcontains $page.Title) { $problems.Add("$($page.PagePath) documents $($page.Title), which module $($module.Name) does not export.") }
    }
    foreach ($command in $commands) {
        $page = $pages | Where-Object Title -eq $command.Name | Select-Object -First 1
        if (-not $page) {
            $problems.Add("$($command.Name) has no page: expected $(Join-Path $MarkdownPath "$($command.Name).md") (New-MarkdownCommandHelp writes a first draft).")
            continue
        }
        foreach ($section in 'Synopsis', 'Description') {
            if (-not "$($page.$section)".Trim()) { $problems.Add("$($page.PagePath): $($section.ToUpperInvariant()) of $($command.Name) is empty.") }
        }
        if ($page.Examples.Count -eq 0) { $problems.Add("$($page.PagePath): $($command.Name) has no example.") }
        foreach ($example in $page.Examples) {
            if (-not (Split-ExampleMarkdown $example.Remarks).Code) { $problems.Add("$($page.PagePath): example '$($example.Title)' of $($command.Name) has no code block.") }
        }
        if ((ConvertTo-Json -Depth 6 -InputObject $page -WarningAction Ignore) -match '\{\{\s*(Fill|Add)\b') {
            $problems.Add("$($page.PagePath): a PlatyPS '{{ Fill ... }}' placeholder is still in the page of $($command.Name).")
        }
        # PlatyPS runs script of its own in the caller's scope, which this module's strict mode would break.
        $fromCode = & { Set-StrictMode -Off; New-CommandHelp -CommandInfo $command }
        foreach ($line in (Compare-HelpDrift -PageHelp $page -CommandHelp $fromCode -Command $command -PagePath $page.PagePath)) { $problems.Add($line) }
    }
    if ($problems.Count) {
        throw "Help for module $($module.Name) does not match its commands ($($problems.Count) problem(s)):`n  - " + ($problems -join "`n  - ")
    }

    $documented = @($pages | Where-Object { $commands.Name -contains $_.Title })
    $staging = Join-Path ([IO.Path]::GetTempPath()) "dh-maml-$([guid]::NewGuid().ToString('n'))"
    try {
        $file = $documented | Export-MamlCommandHelp -OutputFolder $staging -Force
        Complete-MamlHelp -Path $file.FullName -CommandHelp $documented
        $null = New-Item -ItemType Directory -Force -Path $OutputPath
        Copy-Item -LiteralPath $file.FullName -Destination $OutputPath -Force
    }
    finally {
        Remove-Item -Recurse -Force -ErrorAction SilentlyContinue $staging
    }
    Get-ChildItem -LiteralPath $MarkdownPath -Filter 'about_*.help.txt' -File | Copy-Item -Destination $OutputPath -Force
    Get-Item -LiteralPath (Join-Path $OutputPath $file.Name)
}

Export-ModuleMember -Function Export-ModuleHelp, Compare-HelpDrift, Complete-MamlHelp, Split-ExampleMarkdown
