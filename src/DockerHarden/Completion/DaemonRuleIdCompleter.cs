using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using DockerHarden.Rules;

namespace DockerHarden.Completion
{
    /// <summary>Completes daemon rule ids (DH0xx) from the catalog, with the rule's title as the tooltip.</summary>
    public sealed class DaemonRuleIdCompleter : IArgumentCompleter
    {
        /// <summary>Returns the daemon rule ids that start with what was typed.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters) =>
            RuleIdCompleter.Complete(RuleCatalog.DaemonRules.Select(r => r.Info), wordToComplete);
    }
}
