using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Views.Daemon
{
    /// <summary>Evaluates the daemon rules over one engine's facts and builds the report.</summary>
    internal static class DaemonAuditor
    {
        public static DaemonHardeningReport Report(DaemonFacts facts, IReadOnlyList<DaemonRule> rules,
            IReadOnlyCollection<string> allowedUsers, Severity failOn,
            Func<IEnumerable<HardeningFinding>, IReadOnlyList<HardeningFinding>> waive)
        {
            var context = new DaemonContext(facts, allowedUsers);
            var findings = waive(rules.Select(rule => RuleEngine.ToFinding(rule.Info, rule.Evaluate(context), facts.Engine.Endpoint)));
            return new DaemonHardeningReport(facts.Engine.Endpoint, facts.Engine.ServerVersion, facts.Config.Path, facts.Rootless, findings, failOn);
        }
    }
}
