using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH020: experimental features are off in production (CIS 2.18).</summary>
    internal sealed class ExperimentalDisabled : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH020", nameof(ExperimentalDisabled), "Do not enable experimental features", Severity.Low,
            "-", "2.18", "remove \"experimental\": true from daemon.json / --experimental from dockerd");

        public override string Description => "Checks that experimental features are off.";

        public override string Rationale => "Experimental features are not meant for production and have not had the scrutiny of stable ones (CIS 2.18).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new RemoveDaemonKey("experimental") { OnlyWhen = true });

        public override RuleOutcome Evaluate(DaemonContext context) =>
            context.Facts.Engine.ExperimentalBuild
                ? RuleOutcome.Fail("info reports ExperimentalBuild true")
                : RuleOutcome.Pass("info reports ExperimentalBuild false");
    }
}
