using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH115: the container stays in the engine's own cgroup tree (guide §7.1, CIS 5.25).</summary>
    internal sealed class NoCgroupParent : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH115", nameof(NoCgroupParent), "Do not place the container under a custom cgroup parent", Severity.Medium,
            "7.1", "5.25", "remove --cgroup-parent / remove compose cgroup_parent:");

        public override string Description => "Checks that the container is not placed under a custom cgroup parent.";

        public override string Rationale => "The guide asks for every container to run in control groups separate from the host; a custom parent can put it under the limits and accounting of something else (guide 7.1, CIS 5.25).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.CgroupParent };

        public override RuleFix Fix { get; } = RuleFix.Safe(new ClearSetting(Setting.CgroupParent));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var parent = context.Container.CgroupParent.Trim();
            return parent.Length > 0
                ? RuleOutcome.Fail($"CgroupParent is '{parent}'")
                : RuleOutcome.Pass("CgroupParent is not set");
        }
    }
}
