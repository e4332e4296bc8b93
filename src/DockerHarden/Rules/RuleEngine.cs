using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules
{
    /// <summary>Runs the selected container rules over one container's facts and turns outcomes into findings.</summary>
    internal static class RuleEngine
    {
        public static IReadOnlyList<HardeningFinding> Evaluate(IEnumerable<ContainerRule> rules, ContainerContext context)
        {
            return rules.Select(rule => ToFinding(rule.Info, rule.Evaluate(context), context.Container.Name)).ToList();
        }

        public static HardeningFinding ToFinding(RuleInfo info, RuleOutcome outcome, string target, string? key = null)
        {
            return new HardeningFinding(
                info.Id,
                info.Name,
                info.Title,
                outcome.Severity ?? info.Severity,
                outcome.Status,
                target,
                outcome.Evidence,
                outcome.Remediation ?? info.Remediation,
                info.SeedSection,
                info.CisId,
                null,
                null,
                null,
                null,
                key);
        }
    }
}
