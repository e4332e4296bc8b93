using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH113: the container has its own UTS namespace, so it cannot change the host name (guide §6.1, CIS 5.21).</summary>
    internal sealed class NoSharedUtsNamespace : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH113", nameof(NoSharedUtsNamespace), "Do not share the host's UTS namespace", Severity.Medium,
            "6.1", "5.21", "remove --uts host / remove compose uts:");

        public override string Description => "Checks that the container does not share the host's UTS namespace.";

        public override string Rationale => "With the host's UTS namespace a container can change the host's hostname and domain name, which other services trust (guide 6.1, CIS 5.21).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.UtsMode };

        public override RuleFix Fix { get; } = RuleFix.Safe(new ClearSetting(Setting.UtsMode));

        public override RuleOutcome Evaluate(ContainerContext context) =>
            NamespaceModes.IsHost(context.Container.UtsMode)
                ? RuleOutcome.Fail("UtsMode is host: the container shares the host's hostname and domain name")
                : RuleOutcome.Pass($"UtsMode is '{(context.Container.UtsMode.Trim().Length == 0 ? "private (default)" : context.Container.UtsMode.Trim())}'");
    }
}
