using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH102: start from no capabilities and add back only what is needed (guide §3, CIS 5.4).</summary>
    internal sealed class DropAllCapabilities : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH102", nameof(DropAllCapabilities), "Drop all capabilities and add back only those required", Severity.High,
            "3", "5.4", "--cap-drop=ALL (then --cap-add only what is required) / compose cap_drop: [ALL]");

        public override string Description => "Checks that the container drops every capability (--cap-drop=ALL), so that only those added back are held.";

        public override string Rationale => "The guide asks for every container to start without capabilities and to add back only one that is absolutely required; Docker's default set holds 14 the typical workload never uses (guide 3, CIS 5.4).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.CapDrop, Setting.Privileged };

        public override RuleFix Fix { get; } = RuleFix.Safe(new EnsureCapDrop(Capabilities.All) { AddBackForRoot = true });

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var c = context.Container;
            var drops = c.CapDrop.Count == 0 ? "none" : string.Join(", ", c.CapDrop);
            if (!Capabilities.ContainsAll(c.CapDrop))
            {
                return RuleOutcome.Fail($"CapDrop lacks ALL (CapDrop: {drops})");
            }

            // The engine ignores --cap-drop for privileged containers: they get every capability anyway.
            if (c.Privileged)
            {
                return RuleOutcome.Fail("CapDrop has ALL but Privileged is true, which grants every capability regardless");
            }

            var adds = c.CapAdd.Count == 0 ? "none" : string.Join(", ", c.CapAdd.Select(Capabilities.Normalize));
            return RuleOutcome.Pass($"CapDrop has ALL; CapAdd: {adds}");
        }
    }
}
