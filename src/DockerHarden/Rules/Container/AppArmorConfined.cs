using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH124: the container runs under an AppArmor profile where the host enforces AppArmor (guide §9.2, CIS 5.2).</summary>
    internal sealed class AppArmorConfined : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH124", nameof(AppArmorConfined), "Run the container under an AppArmor profile", Severity.Medium,
            "9.2", "5.2", "--security-opt apparmor=docker-default / compose security_opt: [\"apparmor=docker-default\"]");

        public override string Description => "Where the host enforces AppArmor, checks that the container runs under a profile and not unconfined.";

        public override string Rationale => "AppArmor confines what a container process may read, write and execute by path, even as root; unconfined throws that away (guide 9.2, CIS 5.2).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.SecurityOpt };

        public override RuleFix Fix { get; } = RuleFix.Safe(new RemoveSecurityOpt("apparmor", "unconfined"));

        public override RuleOutcome Declared(RuleOutcome evaluated, DeclaredService service) =>
            SecurityOpts.Values(service.Container.SecurityOpt, "apparmor").Any(v => string.Equals(v, "unconfined", StringComparison.OrdinalIgnoreCase))
                ? RuleOutcome.Fail("security_opt sets apparmor=unconfined (effective wherever the host enforces AppArmor)")
                : RuleOutcome.NotApplicable("host-dependent: AppArmor applies only where the host's kernel enforces it; " +
                    "the file does not turn it off");

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            if (!SecurityOpts.EngineHas(context.Engine.SecurityOptions, "apparmor"))
            {
                return RuleOutcome.NotApplicable("AppArmor is not enabled in this kernel/engine (no name=apparmor in its security options)");
            }

            var c = context.Container;
            if (c.Privileged)
            {
                return RuleOutcome.Fail("Privileged is true: the engine runs it unconfined by AppArmor");
            }

            if (SecurityOpts.Values(c.SecurityOpt, "apparmor").Any(v => string.Equals(v, "unconfined", StringComparison.OrdinalIgnoreCase)))
            {
                return RuleOutcome.Fail("SecurityOpt sets apparmor=unconfined");
            }

            var profile = c.AppArmorProfile.Trim();
            if (string.Equals(profile, "unconfined", StringComparison.OrdinalIgnoreCase))
            {
                return RuleOutcome.Fail("AppArmorProfile is unconfined");
            }

            if (profile.Length == 0)
            {
                // The engine picks docker-default when the container starts; a created container has none recorded yet.
                return string.Equals(c.State, "created", StringComparison.OrdinalIgnoreCase)
                    ? RuleOutcome.Pass("not started yet and no profile override: the engine applies docker-default at start")
                    : RuleOutcome.Fail("AppArmorProfile is empty: no AppArmor profile applied");
            }

            return RuleOutcome.Pass($"AppArmorProfile is '{profile}'");
        }
    }
}
