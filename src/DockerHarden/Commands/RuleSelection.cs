using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>
    /// -Rule/-ExcludeRule for every cmdlet: the selection, a RuleNotFound error (with the nearest ids) for a literal id or
    /// name that matches nothing, and a terminating NoRuleSelected when nothing is left, since an audit without rules
    /// would report a perfect score.
    /// </summary>
    internal static class RuleSelection
    {
        public static IReadOnlyList<T> Select<T>(Cmdlet cmdlet, IEnumerable<T> catalog, Func<T, RuleInfo> info,
            string[]? include, string[]? exclude, string kind, ICollection<string>? notFound = null)
        {
            var rules = catalog.ToList();
            foreach (var pattern in (include ?? Array.Empty<string>()).Concat(exclude ?? Array.Empty<string>()))
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern) &&
                    RuleCatalog.Select(rules, info, new[] { pattern }, null).Count == 0)
                {
                    notFound?.Add(pattern);
                    var nearest = RuleSuggestion.Nearest(pattern, rules.Select(info));
                    var hint = nearest.Count > 0 ? $"; did you mean {string.Join(" or ", nearest)}?" : ". Get-HardeningRule lists them.";
                    cmdlet.WriteError(new ErrorRecord(new ArgumentException($"No {kind} rule has the id or name '{pattern}'{hint}"),
                        "RuleNotFound", ErrorCategory.InvalidArgument, pattern));
                }
            }

            var selected = RuleCatalog.Select(rules, info, include, exclude);
            if (selected.Count == 0)
            {
                var asked = string.Join(" ", new[]
                {
                    include is { Length: > 0 } ? $"-Rule {string.Join(", ", include)}" : null,
                    exclude is { Length: > 0 } ? $"-ExcludeRule {string.Join(", ", exclude)}" : null,
                }.Where(s => s is not null));
                cmdlet.ThrowTerminatingError(new ErrorRecord(
                    new ArgumentException($"{asked} leaves no {kind} rule to evaluate, so nothing would be checked. Get-HardeningRule lists the ids and names."),
                    "NoRuleSelected", ErrorCategory.InvalidArgument, asked));
            }

            if (cmdlet is PSCmdlet { MyInvocation.BoundParameters: var bound } && (bound.ContainsKey("Rule") || bound.ContainsKey("ExcludeRule")))
            {
                cmdlet.WriteVerbose($"Rules: {selected.Count} of {rules.Count} {kind} rules selected ({string.Join(", ", selected.Select(r => info(r).Id))}).");
            }
            else
            {
                cmdlet.WriteVerbose($"Rules: all {rules.Count} {kind} rules.");
            }

            return selected;
        }
    }
}
