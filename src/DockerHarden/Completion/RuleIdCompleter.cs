using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerHarden.Rules;

namespace DockerHarden.Completion
{
    /// <summary>Completes rule ids from the catalog, with the rule's title as the tooltip.</summary>
    public sealed class RuleIdCompleter : IArgumentCompleter
    {
        /// <summary>Returns the rule ids that start with what was typed.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = wordToComplete.Trim('\'', '"');
            return RuleCatalog.All()
                .Where(i => i.Id.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase) ||
                            i.Name.StartsWith(typed, System.StringComparison.OrdinalIgnoreCase))
                .Select(i => new CompletionResult(i.Id, $"{i.Id} {i.Name}", CompletionResultType.ParameterValue, i.Title));
        }
    }
}
