# Settings for Invoke-ScriptAnalyzer over the whole repository (build.ps1, tools/, tests/). build.ps1 -Task Analyze
# applies them, and -Task Test runs Analyze first: any Error or Warning fails the build.
#
# Which rules: every default rule (PSScriptAnalyzer's own set: aliases, unused variables and parameters,
# ShouldProcess, singular nouns, empty catch blocks, ...), plus the CodeFormatting rules below that the tree already
# keeps. Where a default rule is wrong for a piece of code (Pester's scoping, test fixtures), the file or function
# says so with [Diagnostics.CodeAnalysis.SuppressMessageAttribute] and a justification, never here.
#
# Left out, on purpose:
# - PSAvoidUsingWriteHost: build and test scripts talk to the person at the console on purpose.
# - PSUseConsistentIndentation: the suites align continuation lines of argument lists and hashtables under their
#   opening element (about 50 places in Get-ContainerHardening and Test-DaemonHardening tests); the rule would have
#   them re-indented as whole blocks.
# - PSAlignAssignmentStatement: about 200 hashtables are written unaligned; aligning them is a whole-file reformat.
# - PSUseCompatibleCommands/PSUseCompatibleTypes: they need compatibility profiles, which the build of
#   PSScriptAnalyzer used offline does not carry. PSUseCompatibleSyntax needs none and stays.
@{
    # ParseError too: a script that does not parse would otherwise pass unseen.
    Severity     = @('Error', 'Warning', 'ParseError')
    ExcludeRules = @('PSAvoidUsingWriteHost')
    Rules        = @{
        # The module and its scripts target PowerShell 7.4 (DockerHarden.psd1 PowerShellVersion).
        PSUseCompatibleSyntax              = @{ Enable = $true; TargetVersions = @('7.4') }
        # CodeFormatting preset (OTBS): braces open on the line of their statement, and a branch
        # (else, catch, finally) starts on a new line after the closing brace, as the tree writes them.
        PSPlaceOpenBrace                   = @{ Enable = $true; OnSameLine = $true; NewLineAfter = $true; IgnoreOneLineBlock = $true }
        PSPlaceCloseBrace                  = @{ Enable = $true; NewLineAfter = $true; IgnoreOneLineBlock = $true; NoEmptyLineBefore = $false }
        # One space around operators, after commas and inside braces. Not checked: runs of spaces before a
        # parameter or pipe, which the suites use to line up related calls.
        PSUseConsistentWhitespace          = @{
            Enable                                  = $true
            CheckInnerBrace                         = $true
            CheckOpenBrace                          = $true
            CheckOpenParen                          = $true
            CheckOperator                           = $true
            CheckPipe                               = $true
            CheckPipeForRedundantWhitespace         = $false
            CheckSeparator                          = $true
            CheckParameter                          = $false
            IgnoreAssignmentOperatorInsideHashTable = $true
        }
        PSAvoidUsingCmdletAliases          = @{ Enable = $true }
        PSAvoidTrailingWhitespace          = @{ Enable = $true }
        PSAvoidSemicolonsAsLineTerminators = @{ Enable = $true }
    }
}
