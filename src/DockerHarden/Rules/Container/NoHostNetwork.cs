using System;
using DockerHarden.Models;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH108: the container does not share the host's network stack (guide §5.2, CIS 5.10).</summary>
    internal sealed class NoHostNetwork : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH108", nameof(NoHostNetwork), "Do not use the host network namespace", Severity.Critical,
            "5.2", "5.10", "remove --network host / remove compose network_mode: host");

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var mode = context.Container.NetworkMode.Trim();
            return string.Equals(mode, "host", StringComparison.OrdinalIgnoreCase)
                ? RuleOutcome.Fail("NetworkMode is host: the container sees and binds every host interface", Severity.Critical)
                : RuleOutcome.Pass($"NetworkMode is '{mode}'");
        }
    }
}
