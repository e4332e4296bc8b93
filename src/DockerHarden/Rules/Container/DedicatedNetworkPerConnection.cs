using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>
    /// DH110 (fleet view): a container that publishes host ports should sit on networks shared only with the
    /// container it talks to, so that a compromise of the exposed service does not reach the rest (guide §5.3).
    /// </summary>
    internal sealed class DedicatedNetworkPerConnection : ContainerRule
    {
        private const int MaxNamed = 10;
        private static readonly ConditionalWeakTable<IReadOnlyList<string>, MemberSet> DistinctMembers = new();
        private static readonly string[] BuiltIn = { "bridge", "host", "none" };

        public override RuleInfo Info { get; } = new(
            "DH110", nameof(DedicatedNetworkPerConnection), "Give each exposed service its own network per connection", Severity.Low,
            "5.3", "-",
            "docker network create per connection and --network/docker network connect only the peers / compose networks: one per connection");

        public override string Description => "Fleet view: warns when a container that publishes host ports shares a user-defined network with more than one other container.";

        public override string Rationale => "The guide asks for a dedicated network per connection: an exposed container is the likeliest to be compromised, and everything on its networks is then in reach (guide 5.3).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Ports, Setting.Networks };

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

                // A network of thousands (a big compose file) must not cost every member a copy of the list, nor
                // make every finding name every member: distinct names are computed once per network, ten are named.
                var distinct = DistinctMembers.GetValue(members, m => new MemberSet(m));
                bool selfIn = distinct.Set.Contains(self);
                bool idIn = c.Id.Length > 0 && c.Id != self && distinct.Set.Contains(c.Id);
                int count = distinct.Names.Length - (selfIn ? 1 : 0) - (idIn ? 1 : 0);
                var firstNames = distinct.Names
                    .Where(m => !string.Equals(m, self, StringComparison.Ordinal) && !string.Equals(m, c.Id, StringComparison.Ordinal))
                    .Take(MaxNamed)
                    .ToList();
                var named = string.Join(", ", firstNames) + (count > MaxNamed ? $" and {count - MaxNamed} more" : "");
                var line = $"{net} ({count} other member{(count == 1 ? "" : "s")}{(count == 0 ? "" : ": " + named)})";
                checkedNets.Add(line);
                if (count > 1)
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

        /// <summary>A network's distinct member names (without the leading slash), in order and as a set.</summary>
        private sealed class MemberSet
        {
            public MemberSet(IEnumerable<string> members)
            {
                Names = members.Select(n => n.TrimStart('/')).Distinct(StringComparer.Ordinal).ToArray();
                Set = new HashSet<string>(Names, StringComparer.Ordinal);
            }

            public string[] Names { get; }
            public HashSet<string> Set { get; }
        }
    }
}
