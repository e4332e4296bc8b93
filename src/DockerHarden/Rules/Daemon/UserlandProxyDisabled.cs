using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH016: published ports go through iptables, not a docker-proxy process per port (CIS 2.16).</summary>
    internal sealed class UserlandProxyDisabled : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH016", nameof(UserlandProxyDisabled), "Disable the userland proxy", Severity.Low,
            "-", "2.16", "daemon.json \"userland-proxy\": false");

        public override string Description => "Checks that the userland proxy is off (\"userland-proxy\": false), so published ports use kernel NAT.";

        public override string Rationale => "The userland proxy is one more process listening for every published port, with its own bugs; hairpin NAT does the same job in the kernel (CIS 2.16).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetDaemonKey("userland-proxy", false));

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            // The engine's info does not report it: only the flags and daemon.json can tell.
            if (!TryGetSettings(context.Facts, out var settings, out var notApplicable))
            {
                return notApplicable;
            }

            return settings.Bool("userland-proxy") == false
                ? RuleOutcome.Pass(settings.Describe("userland-proxy"))
                : RuleOutcome.Fail(settings.Get("userland-proxy") is null
                    ? "\"userland-proxy\" is not set: the daemon default is true"
                    : settings.Describe("userland-proxy"));
        }
    }
}
