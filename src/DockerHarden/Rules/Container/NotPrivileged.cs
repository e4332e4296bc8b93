using DockerHarden.Models;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH104: no privileged containers (guide §3.1, CIS 5.5).</summary>
    internal sealed class NotPrivileged : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH104", nameof(NotPrivileged), "Do not run privileged containers", Severity.Critical,
            "3.1", "5.5", "remove --privileged / compose privileged:");

        public override RuleOutcome Evaluate(ContainerContext context) =>
            context.Container.Privileged
                ? RuleOutcome.Fail("Privileged is true: every capability, every device, no seccomp or AppArmor confinement")
                : RuleOutcome.Pass("Privileged is false");
    }
}
