using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH014: setuid binaries cannot raise privileges in any container unless it opts out (CIS 2.14).</summary>
    internal sealed class NoNewPrivilegesDefault : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH014", nameof(NoNewPrivilegesDefault), "Set no-new-privileges for every container by default", Severity.Medium,
            "-", "2.14", "daemon.json \"no-new-privileges\": true");

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetDaemonKey("no-new-privileges", true));

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            if (!TryGetSettings(context.Facts, out var settings, out var notApplicable))
            {
                return notApplicable;
            }

            return settings.Bool("no-new-privileges") == true
                ? RuleOutcome.Pass(settings.Describe("no-new-privileges"))
                : RuleOutcome.Fail(settings.Describe("no-new-privileges"));
        }
    }
}
