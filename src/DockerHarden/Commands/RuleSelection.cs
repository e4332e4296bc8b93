using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>-Rule/-ExcludeRule for every cmdlet: the selection, and a RuleNotFound error for a literal name that matches nothing.</summary>
    internal static class RuleSelection
    {
        public static IReadOnlyList<T> Select<T>(Cmdlet cmdlet, IEnumerable<T> catalog, Func<T, RuleInfo> info,
            string[]? include, string[]? exclude, string kind)
        {
            var rules = catalog.ToList();
            foreach (var pattern in (include ?? Array.Empty<string>()).Concat(exclude ?? Array.Empty<string>()))
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern) &&
                    RuleCatalog.Select(rules, info, new[] { pattern }, null).Count == 0)
                {
                    cmdlet.WriteError(new ErrorRecord(new ArgumentException($"No {kind} rule has the id or name '{pattern}'."),
                        "RuleNotFound", ErrorCategory.InvalidArgument, pattern));
                }
            }

            return RuleCatalog.Select(rules, info, include, exclude);
        }
    }
}
