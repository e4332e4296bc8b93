using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules.Container
{
    /// <summary>
    /// DH110 (fleet view): a container that publishes host ports should sit on networks shared only with the
    /// container it talks to, so that a compromise of the exposed service does not reach the rest (guide §5.3).
    /// </summary>
    internal sealed class DedicatedNetworkPerConnection : ContainerRule
    {
        private static readonly string[] BuiltIn = { "bridge", "host", "none" };

        public override RuleInfo Info { get; } = new(
            "DH110", nameof(DedicatedNetworkPerConnection), "Give each exposed service its own network per connection", Severity.Low,
            "5.3", "-",
            "docker network create per connection and --network/docker network connect only the peers / compose networks: one per connection");

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var c = context.Container;
            // Every PortBindings entry is published; an empty HostPort only means the engine picks the port.
            if (c.PortBindings.Count == 0)
            {
                return RuleOutcome.Pass("publishes no host port");
            }

            var self = c.Name.TrimStart('/');
            var crowded = new List<string>();
            var checkedNets = new List<string>();
            foreach (var net in c.Networks.Where(n => !BuiltIn.Contains(n.Trim(), StringComparer.OrdinalIgnoreCase)))
            {
                if (!context.Fleet.NetworkMembers.TryGetValue(net, out var members))
                {
                    checkedNets.Add($"{net} (members unknown)");
                    continue;
                }

                var others = members.Select(m => m.TrimStart('/'))
                    .Where(m => !string.Equals(m, self, StringComparison.Ordinal) && !string.Equals(m, c.Id, StringComparison.Ordinal))
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                var line = $"{net} ({others.Count} other member{(others.Count == 1 ? "" : "s")}{(others.Count == 0 ? "" : ": " + string.Join(", ", others))})";
                checkedNets.Add(line);
                if (others.Count > 1)
                {
                    crowded.Add(line);
                }
            }

            if (crowded.Count > 0)
            {
                return RuleOutcome.Warn("publishes host ports and shares user-defined networks with several containers: " +
                    string.Join("; ", crowded));
            }

            return RuleOutcome.Pass(checkedNets.Count == 0
                ? "publishes host ports; on no user-defined network"
                : "publishes host ports; user-defined networks have at most one other member: " + string.Join("; ", checkedNets));
        }
    }
}
