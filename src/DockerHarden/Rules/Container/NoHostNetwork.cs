using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH108: the container does not share the host's network stack, directly or by joining a container that does (guide §5.2, CIS 5.10).</summary>
    internal sealed class NoHostNetwork : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH108", nameof(NoHostNetwork), "Do not use the host network namespace", Severity.Critical,
            "5.2", "5.10", "remove --network host / remove compose network_mode: host");

        public override string Description => "Checks that the container does not use the host's network namespace, directly or by joining a container that does.";

        public override string Rationale => "With the host network a container sees every host interface, can bind any host port and reach services listening on localhost only (guide 5.2, CIS 5.10).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.NetworkMode };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the service leaves the host's network: ports it served on the host must be published, and it no longer reaches host-only services", new ClearSetting(Setting.NetworkMode));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var mode = context.Container.NetworkMode.Trim();
            if (NamespaceModes.IsHost(mode))
            {
                return RuleOutcome.Fail("NetworkMode is host: the container sees and binds every host interface", Severity.Critical);
            }

            // Joining a host-network container's namespace is host networking one step removed.
            var join = NamespaceModes.Follow(mode, context.Fleet, c => c.NetworkMode);
            if (join.Chain.Count > 0 && NamespaceModes.IsHost(join.FinalMode))
            {
                return RuleOutcome.Fail(
                    $"NetworkMode is '{mode}', which joins {join.Path}, and that container's NetworkMode is host: " +
                    "the container sees and binds every host interface", Severity.Critical,
                    "remove --network container:... (or the joined container's --network host) / remove compose network_mode: service:... or host");
            }

            return join.Chain.Count == 0
                ? RuleOutcome.Pass($"NetworkMode is '{mode}'")
                : RuleOutcome.Pass($"NetworkMode is '{mode}', which joins {join.Path} (NetworkMode '{join.FinalMode}'" +
                    $"{(join.Problem is null ? "" : $"; {join.Problem}")})");
        }
    }
}
