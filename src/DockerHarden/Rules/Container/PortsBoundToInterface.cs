using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH126: published ports bind one host interface, and no privileged host port (CIS 5.14, 5.8).</summary>
    internal sealed class PortsBoundToInterface : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH126", nameof(PortsBoundToInterface), "Bind published ports to a specific host interface and a non-privileged port", Severity.Low,
            "-", "5.14, 5.8", "-p 127.0.0.1:8080:80 / compose ports: [\"127.0.0.1:8080:80\"]");

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var bindings = context.Container.PortBindings;
            if (bindings.Count == 0)
            {
                return RuleOutcome.Pass("publishes no port");
            }

            var allInterfaces = new List<string>();
            var privileged = new List<string>();
            foreach (var b in bindings)
            {
                var ip = b.HostIp.Trim();
                var hostPort = b.HostPort.Trim();
                var line = $"{(ip.Length == 0 ? "*" : ip)}:{(hostPort.Length == 0 ? "(ephemeral)" : hostPort)}->{b.ContainerPort}";
                if (ip.Length == 0 || ip == "0.0.0.0" || ip == "::" || ip == "[::]")
                {
                    allInterfaces.Add(line);
                }

                // A range "80-90" starts at its first port.
                var first = hostPort.Split('-')[0];
                if (int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 && port < 1024)
                {
                    privileged.Add(line);
                }
            }

            var problems = new List<string>();
            if (allInterfaces.Count > 0)
            {
                problems.Add("bound to all interfaces: " + string.Join(", ", allInterfaces));
            }

            if (privileged.Count > 0)
            {
                problems.Add("host port below 1024: " + string.Join(", ", privileged));
            }

            return problems.Count > 0
                ? RuleOutcome.Warn(string.Join("; ", problems))
                : RuleOutcome.Pass("published ports bind specific interfaces: " + string.Join(", ",
                    bindings.Select(b => $"{b.HostIp}:{b.HostPort}->{b.ContainerPort}")));
        }
    }
}
