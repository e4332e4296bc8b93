using System;
using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Models;

namespace DockerHarden.Rules
{
    /// <summary>Where a chain of container:X namespace joins ends: the mode of the last container, and the path there.</summary>
    internal sealed record NamespaceJoin(string FinalMode, IReadOnlyList<string> Chain, string? Problem)
    {
        /// <summary>The joined containers, "a -> b -> c", for evidence.</summary>
        public string Path => string.Join(" -> ", Chain);
    }

    /// <summary>Reading --network/--pid/--ipc/--uts style namespace modes: host, container:ID or private.</summary>
    internal static class NamespaceModes
    {
        public static bool IsHost(string mode) => string.Equals(mode.Trim(), "host", StringComparison.OrdinalIgnoreCase);

        public static bool IsContainer(string mode) => mode.Trim().StartsWith("container:", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Follows container:X joins through the fleet to the container that owns the namespace, and returns its
        /// mode: joining a container that runs with host is sharing the host. Stops at a loop or an unknown container
        /// (Problem says which); a mode that is not a join returns itself with an empty chain.
        /// </summary>
        public static NamespaceJoin Follow(string mode, FleetFacts fleet, Func<ContainerFacts, string> modeOf)
        {
            var chain = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var current = mode.Trim();
            while (IsContainer(current))
            {
                var reference = current.Substring("container:".Length).Trim();
                var joined = fleet.Find(reference);
                if (joined is null)
                {
                    chain.Add(reference);
                    return new NamespaceJoin(current, chain, $"container '{reference}' was not found on the engine");
                }

                chain.Add(joined.Name.TrimStart('/'));
                if (!seen.Add(joined.Id))
                {
                    return new NamespaceJoin(current, chain, "the joins form a loop");
                }

                current = modeOf(joined).Trim();
            }

            return new NamespaceJoin(current, chain, null);
        }

        /// <summary>
        /// Fail Critical for host or a join that ends at a host-mode container, High for any other container:ID,
        /// otherwise Pass; shared by DH111 and DH112.
        /// </summary>
        public static RuleOutcome SharedNamespace(string field, string mode, string what, FleetFacts fleet, Func<ContainerFacts, string> modeOf)
        {
            var m = mode.Trim();
            if (IsHost(m))
            {
                return RuleOutcome.Fail($"{field} is host: the container shares the host's {what}", Severity.Critical);
            }

            if (IsContainer(m))
            {
                var join = Follow(m, fleet, modeOf);
                if (IsHost(join.FinalMode))
                {
                    return RuleOutcome.Fail(
                        $"{field} is '{m}', which joins {join.Path}, and that container's {field} is host: the container shares the host's {what}",
                        Severity.Critical);
                }

                var note = join.Problem is null ? "" : $" ({join.Problem}; whether it shares the host's is unknown)";
                return RuleOutcome.Fail($"{field} is '{m}': the container shares another container's {what}{note}", Severity.High);
            }

            return RuleOutcome.Pass($"{field} is '{(m.Length == 0 ? "private (default)" : m)}'");
        }
    }
}
