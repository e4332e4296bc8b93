using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH127: no mount propagates mounts back to the host (CIS 5.20).</summary>
    internal sealed class NoSharedMountPropagation : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH127", nameof(NoSharedMountPropagation), "Do not use shared mount propagation", Severity.Medium,
            "-", "5.20", "--mount type=bind,...,bind-propagation=private (or rprivate) / compose volumes: bind: { propagation: private }");

        public override string Description => "Checks that no mount uses shared or rshared propagation.";

        public override string Rationale => "With shared propagation, mounts made inside the container appear on the host and the other way round: a container can mount over host paths (CIS 5.20).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Mounts };

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetMountPropagationPrivate());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var shared = context.Container.Mounts
                .Where(m => string.Equals(m.Propagation.Trim(), "shared", StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(m.Propagation.Trim(), "rshared", StringComparison.OrdinalIgnoreCase))
                .Select(m => $"{m.Source} -> {m.Destination} ({m.Propagation.Trim()})")
                .ToList();
            return shared.Count > 0
                ? RuleOutcome.Fail("shared mount propagation: " + string.Join("; ", shared))
                : RuleOutcome.Pass("no mount uses shared or rshared propagation");
        }
    }
}
