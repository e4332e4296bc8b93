using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH104: no privileged containers (guide §3.1, CIS 5.5).</summary>
    internal sealed class NotPrivileged : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH104", nameof(NotPrivileged), "Do not run privileged containers", Severity.Critical,
            "3.1", "5.5", "remove --privileged / compose privileged:");

        public override string Description => "Checks that the container is not privileged.";

        public override string Rationale => "A privileged container holds every capability, sees every host device and runs without seccomp or AppArmor: it is root on the host in all but name (guide 3.1, CIS 5.5).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Privileged };

        public override RuleFix Fix { get; } = RuleFix.Safe(new ClearSetting(Setting.Privileged, "false"));

        public override RuleOutcome Evaluate(ContainerContext context) =>
            context.Container.Privileged
                ? RuleOutcome.Fail("Privileged is true: every capability, every device, no seccomp or AppArmor confinement")
                : RuleOutcome.Pass("Privileged is false");
    }
}
