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

        public override string Description => "Checks that the daemon sets no-new-privileges for every container by default.";

        public override string Rationale => "no-new-privileges stops a process from gaining privileges through setuid or setcap binaries; set by the daemon, it covers containers whose authors forgot it (CIS 2.14).";

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
