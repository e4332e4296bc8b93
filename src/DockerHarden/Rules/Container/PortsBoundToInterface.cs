using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>
    /// DH126: published ports bind one host interface, not all of them (CIS 5.14). The privileged-port check of
    /// CIS 5.8 is its own rule, DH133, so that a CIS report reads one id per check.
    /// </summary>
    internal sealed class PortsBoundToInterface : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH126", nameof(PortsBoundToInterface), "Bind published ports to a specific host interface", Severity.Low,
            "-", "5.14", $"-p {FixDefaults.BuiltIn.BindAddress}:8080:80 / compose ports: [\"{FixDefaults.BuiltIn.BindAddress}:8080:80\"]");

        public override string Description => "Checks published ports: a port bound to every host interface (0.0.0.0, ::, or no address) is a Warn.";

        public override string Rationale => "A port bound to every interface is reachable from every network the host is on, whatever the host firewall says, since Docker writes its own iptables rules; binding the interface that needs it keeps the service off the others (CIS 5.14).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Ports };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the port is then reachable only from the bind address, not from other hosts", new BindPortTo());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var bindings = context.Container.PortBindings;
            if (bindings.Count == 0)
            {
                return RuleOutcome.Pass("publishes no port");
            }

            var allInterfaces = bindings.Where(b => IsAllInterfaces(b.HostIp)).Select(Describe).ToList();
            return allInterfaces.Count > 0
                ? RuleOutcome.Warn("bound to all interfaces: " + string.Join(", ", allInterfaces))
                : RuleOutcome.Pass("published ports bind specific interfaces: " + string.Join(", ",
                    bindings.Select(b => $"{b.HostIp}:{b.HostPort}->{b.ContainerPort}")));
        }

        /// <summary>True for an empty host address, 0.0.0.0 or the IPv6 any address.</summary>
        internal static bool IsAllInterfaces(string hostIp) => hostIp.Trim() is "" or "0.0.0.0" or "::" or "[::]";

        /// <summary>"*:8080->80/tcp", the way the port rules show a binding.</summary>
        internal static string Describe(PortBindingFact b)
        {
            var ip = b.HostIp.Trim();
            var hostPort = b.HostPort.Trim();
            return $"{(ip.Length == 0 ? "*" : ip)}:{(hostPort.Length == 0 ? "(ephemeral)" : hostPort)}->{b.ContainerPort}";
        }
    }
}
