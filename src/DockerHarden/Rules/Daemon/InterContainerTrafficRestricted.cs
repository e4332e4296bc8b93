using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH005: containers on the default bridge may not talk to each other (guide §5.1, CIS 2.2).</summary>
    internal sealed class InterContainerTrafficRestricted : DaemonRule
    {
        internal const string IccOption = "com.docker.network.bridge.enable_icc";

        public override RuleInfo Info { get; } = new(
            "DH005", nameof(InterContainerTrafficRestricted), "Restrict traffic between containers on the default bridge", Severity.Medium,
            "5.1", "2.2", "daemon.json \"icc\": false (needs \"iptables\" left on)");

        public override string Description => "Checks that inter-container communication on the default bridge is off (\"icc\": false) while that bridge exists.";

        public override string Rationale => "With icc on, every container on the default bridge can reach every port of every other one: one compromised container can attack all its neighbours (CIS 2.2).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetDaemonKey("icc", false) { PointlessWhen = ("bridge", "none"), Needs = "iptables" });

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var bridge = context.Facts.Engine.DefaultBridge;
            if (bridge is null)
            {
                return RuleOutcome.NotApplicable("the engine has no default bridge (\"bridge\": \"none\"): icc has nothing to restrict");
            }

            var icc = bridge.Options.TryGetValue(IccOption, out var value) ? value : "true";
            if (icc == "false")
            {
                var iptables = context.Facts.Config.Settings?.Bool("iptables");
                if (iptables == false)
                {
                    return RuleOutcome.Fail("icc is false but \"iptables\" is false: without iptables rules nothing enforces it",
                        remediation: "remove \"iptables\": false from daemon.json");
                }

                return RuleOutcome.Pass($"the default bridge has {IccOption}=false");
            }

            return RuleOutcome.Fail($"the default bridge has {IccOption}={icc}: every container on it can reach every other");
        }
    }
}
