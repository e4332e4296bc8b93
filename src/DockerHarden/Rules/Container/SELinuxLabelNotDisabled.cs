using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH132: SELinux labelling is not disabled for the container (guide §9, CIS 5.2).</summary>
    internal sealed class SELinuxLabelNotDisabled : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH132", nameof(SELinuxLabelNotDisabled), "Do not disable SELinux labelling", Severity.High,
            "9", "5.2", "remove --security-opt label=disable / remove label:disable from compose security_opt: (a decision: the workload may rely on it)");

        public override string Description => "Checks that SELinux labelling is not disabled for the container (label=disable).";

        public override string Rationale => "SELinux labels confine what a container process may access on the host; disabling them removes that barrier for the container (guide 9, CIS 5.2).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.SecurityOpt };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the workload may rely on reading host files without SELinux labels (volumes); relabel them (:z/:Z) first", new RemoveSecurityOpt("label", "disable"));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var labels = SecurityOpts.Values(context.Container.SecurityOpt, "label");
            if (labels.Any(v => string.Equals(v, "disable", StringComparison.OrdinalIgnoreCase)))
            {
                return RuleOutcome.Fail("SecurityOpt sets label=disable: SELinux does not confine this container");
            }

            return labels.Count > 0
                ? RuleOutcome.Pass($"SecurityOpt sets SELinux label options ({string.Join(", ", labels.Select(l => "label=" + l.Split(':')[0]))})")
                : RuleOutcome.Pass("SecurityOpt does not disable SELinux labelling");
        }
    }
}
