using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH015: containers keep running while the daemon restarts or is upgraded (CIS 2.15).</summary>
    internal sealed class LiveRestoreEnabled : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH015", nameof(LiveRestoreEnabled), "Keep containers running while the daemon restarts", Severity.Low,
            "-", "2.15", "daemon.json \"live-restore\": true");

        public override string Description => "Checks that live restore is on, so containers keep running while dockerd restarts or is upgraded.";

        public override string Rationale => "Without live restore, restarting the daemon to apply a security fix or a configuration change stops every container, which discourages timely patching (CIS 2.15).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetDaemonKey("live-restore", true));

        public override RuleOutcome Evaluate(DaemonContext context) =>
            context.Facts.Engine.LiveRestoreEnabled
                ? RuleOutcome.Pass("info reports LiveRestoreEnabled true")
                : RuleOutcome.Fail("info reports LiveRestoreEnabled false");
    }
}
