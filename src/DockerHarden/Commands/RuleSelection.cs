using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>-Rule/-ExcludeRule over the container rules, shared by the cmdlets that take them.</summary>
    internal static class RuleSelection
    {
        /// <summary>The selected container rules; a pattern without wildcards that names no rule is reported through <paramref name="writeError"/>.</summary>
        public static IReadOnlyList<ContainerRule> Select(string[]? rule, string[]? excludeRule, Action<ErrorRecord> writeError)
        {
            foreach (var pattern in (rule ?? Array.Empty<string>()).Concat(excludeRule ?? Array.Empty<string>()))
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern) &&
                    RuleCatalog.Select(RuleCatalog.ContainerRules, r => r.Info, new[] { pattern }, null).Count == 0)
                {
                    writeError(new ErrorRecord(new ArgumentException($"No container rule has the id or name '{pattern}'."),
                        "RuleNotFound", ErrorCategory.InvalidArgument, pattern));
                }
            }

            return RuleCatalog.Select(RuleCatalog.ContainerRules, r => r.Info, rule, excludeRule);
        }
    }
}
