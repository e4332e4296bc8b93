using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH122: setuid binaries and file capabilities cannot raise privileges inside the container (CIS 5.26).</summary>
    internal sealed class NoNewPrivileges : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH122", nameof(NoNewPrivileges), "Prevent privilege escalation with no-new-privileges", Severity.High,
            "-", "5.26", "--security-opt no-new-privileges / compose security_opt: [\"no-new-privileges:true\"]");

        public override string Description => "Checks that the container runs with no-new-privileges, set on the container or by the daemon.";

        public override string Rationale => "no-new-privileges stops setuid and setcap binaries inside the container from raising a process's privileges (CIS 5.26).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.SecurityOpt };

        public override RuleFix Fix { get; } = RuleFix.Safe(new EnsureSecurityOpt("no-new-privileges", "true"));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var values = SecurityOpts.Values(context.Container.SecurityOpt, "no-new-privileges");
            if (values.Count > 0)
            {
                // An explicit false wins over the daemon default, so it fails even where the daemon turns it on.
                if (values.Any(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)))
                {
                    return RuleOutcome.Fail("SecurityOpt sets no-new-privileges:false, overriding any daemon default");
                }

                if (values.Any(v => v.Length == 0 || string.Equals(v, "true", StringComparison.OrdinalIgnoreCase)))
                {
                    return RuleOutcome.Pass("SecurityOpt sets no-new-privileges");
                }

                return RuleOutcome.Fail($"SecurityOpt has no-new-privileges with an unrecognised value '{values[0]}'");
            }

            var engine = context.Engine;
            var source = engine.NoNewPrivilegesSource.Length == 0 ? "the daemon configuration" : engine.NoNewPrivilegesSource;
            return engine.NoNewPrivilegesByDefault switch
            {
                true => RuleOutcome.Pass($"not set on the container; inherited from the daemon default no-new-privileges=true ({source})"),
                false => RuleOutcome.Fail($"SecurityOpt lacks no-new-privileges and the daemon default is false ({source})"),
                null => RuleOutcome.Fail("SecurityOpt lacks no-new-privileges and the daemon default could not be read"),
            };
        }
    }
}
