using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH111: the container has its own process namespace (guide §6.1, CIS 5.16).</summary>
    internal sealed class NoSharedPidNamespace : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH111", nameof(NoSharedPidNamespace), "Do not share the host's or another container's PID namespace", Severity.Critical,
            "6.1", "5.16", "remove --pid / remove compose pid:");

        public override string Description => "Checks that the container does not share the host's PID namespace (Critical) or another container's (High); joining a container judges what that container shares.";

        public override string Rationale => "In the host's PID namespace a container sees and can signal or trace every host process, dockerd included (guide 6.1, CIS 5.16).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.PidMode };

        public override RuleFix Fix { get; } = RuleFix.Safe(new ClearSetting(Setting.PidMode));

        public override RuleOutcome Evaluate(ContainerContext context) =>
            NamespaceModes.SharedNamespace("PidMode", context.Container.PidMode, "processes (it can see and signal them)",
                context.Fleet, c => c.PidMode);
    }
}
