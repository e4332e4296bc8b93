using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH004: the default bridge lets every container talk to every other; user-defined networks do not (guide §5.1).</summary>
    internal sealed class DefaultBridgeDisabled : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH004", nameof(DefaultBridgeDisabled), "Disable the default bridge network", Severity.Medium,
            "5.1", "-", "daemon.json \"bridge\": \"none\"");

        public override string Description => "Checks that the daemon does not create the default bridge network (daemon.json \"bridge\": \"none\").";

        public override string Rationale => "Containers on docker0 share one flat network and reach each other by default; the guide asks the daemon to start containers without it, so every container joins a network made for it (guide 5.1).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetDaemonKey("bridge", "none"));

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            // The engine's network list tells this for remote engines too: "bridge": "none" leaves no default bridge.
            var bridge = context.Facts.Engine.DefaultBridge;
            if (bridge is null)
            {
                return RuleOutcome.Pass("the engine has no default bridge network (\"bridge\": \"none\")");
            }

            var name = bridge.Options.TryGetValue("com.docker.network.bridge.name", out var n) ? $" on {n}" : "";
            return RuleOutcome.Fail($"the default bridge network '{bridge.Name}' exists{name}");
        }
    }
}
