using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH109: the container is not on the default bridge, where every container can reach every other (guide §5.1, §5.3, CIS 5.30).</summary>
    internal sealed class NotOnDefaultBridge : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH109", nameof(NotOnDefaultBridge), "Do not attach the container to the default bridge network", Severity.Medium,
            "5.1, 5.3", "5.30", "docker network create APPNET; --network APPNET / compose networks: [APPNET]");

        public override string Description => "Checks that the container is not attached to the default bridge network.";

        public override string Rationale => "On the default bridge every container can reach every other one and names do not resolve; a user-defined network isolates the application's containers from the rest (guide 5.1, 5.3, CIS 5.30).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.NetworkMode, Setting.Networks };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the service moves to its own network and no longer reaches the other containers of the default bridge", new UseDedicatedNetwork());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var c = context.Container;
            var mode = c.NetworkMode.Trim();
            var networks = c.Networks.Count == 0 ? "none listed" : string.Join(", ", c.Networks);

            if (string.Equals(mode, "none", StringComparison.OrdinalIgnoreCase))
            {
                return RuleOutcome.Pass("NetworkMode is none: no network");
            }

            if (mode.StartsWith("container:", StringComparison.OrdinalIgnoreCase))
            {
                return RuleOutcome.Pass($"NetworkMode is '{mode}': it shares that container's network, which is checked on its own");
            }

            if (string.Equals(mode, "host", StringComparison.OrdinalIgnoreCase))
            {
                return RuleOutcome.Pass("NetworkMode is host: not on the default bridge (see DH108)");
            }

            if (c.Networks.Any(IsBridge))
            {
                return RuleOutcome.Fail($"attached to the default 'bridge' network (NetworkMode '{mode}', networks: {networks})");
            }

            bool defaultMode = mode.Length == 0 || IsBridge(mode) || string.Equals(mode, "default", StringComparison.OrdinalIgnoreCase);
            if (defaultMode)
            {
                // The mode stays 'default'/'bridge' after `docker network disconnect bridge`; the attached networks are the truth.
                return c.Networks.Count == 0
                    ? RuleOutcome.Fail($"NetworkMode is '{(mode.Length == 0 ? "default" : mode)}': the default bridge")
                    : RuleOutcome.Pass($"NetworkMode is '{mode}' but the container was disconnected from bridge; networks: {networks}");
            }

            return RuleOutcome.Pass($"NetworkMode '{mode}', networks: {networks}");
        }

        private static bool IsBridge(string name) => string.Equals(name.Trim(), "bridge", StringComparison.OrdinalIgnoreCase);
    }
}
