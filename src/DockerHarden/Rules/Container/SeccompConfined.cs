using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH123: the container runs under a seccomp profile (guide §9.1, CIS 5.22).</summary>
    internal sealed class SeccompConfined : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH123", nameof(SeccompConfined), "Do not disable the seccomp profile", Severity.High,
            "9.1", "5.22", "remove --security-opt seccomp=unconfined (the default profile applies) / remove it from compose security_opt:");

        public override string Description => "Checks that the container does not disable seccomp (seccomp=unconfined).";

        public override string Rationale => "Seccomp blocks dangerous system calls; without it the whole kernel interface is open to the container (guide 9.1, CIS 5.22).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.SecurityOpt, Setting.Privileged };

        public override RuleFix Fix { get; } = RuleFix.Safe(new RemoveSecurityOpt("seccomp", "unconfined"));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            if (!SecurityOpts.EngineHas(context.Engine.SecurityOptions, "seccomp"))
            {
                return RuleOutcome.NotApplicable("the engine has no seccomp support (no name=seccomp in its security options)");
            }

            var c = context.Container;
            if (c.Privileged)
            {
                return RuleOutcome.Fail("Privileged is true: the engine runs it without seccomp (unconfined)");
            }

            var values = SecurityOpts.Values(c.SecurityOpt, "seccomp");
            if (values.Any(v => string.Equals(v, "unconfined", StringComparison.OrdinalIgnoreCase)))
            {
                return RuleOutcome.Fail("SecurityOpt sets seccomp=unconfined");
            }

            return values.Count > 0
                ? RuleOutcome.Pass("custom seccomp profile set in SecurityOpt")
                : RuleOutcome.Pass("the engine's default seccomp profile applies");
        }
    }
}
