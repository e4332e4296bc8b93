using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerHarden.Rules;

namespace DockerHarden.Completion
{
    /// <summary>Completes Linux capability names; the tooltip says which ones New-HardenedContainer refuses without -Force.</summary>
    public sealed class CapabilityCompleter : IArgumentCompleter
    {
        /// <summary>Returns the capability names that start with what was typed (with or without CAP_).</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = Capabilities.Normalize(wordToComplete.Trim('\'', '"'));
            return Capabilities.Every
                .Where(c => c.StartsWith(typed, StringComparison.Ordinal))
                .OrderBy(c => c, StringComparer.Ordinal)
                .Select(c => new CompletionResult(c, c, CompletionResultType.ParameterValue,
                    Capabilities.SensitiveSeverity.TryGetValue(c, out var s) ? $"{c} (sensitive, {s}: needs -Force)" : c));
        }
    }
}
