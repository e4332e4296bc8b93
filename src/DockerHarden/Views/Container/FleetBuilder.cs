using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;

namespace DockerHarden.Views.Container
{
    /// <summary>Builds the fleet view (who shares which user-defined network) from one container list.</summary>
    internal static class FleetBuilder
    {
        private static readonly HashSet<string> EngineNetworks = new() { "bridge", "host", "none" };

        public static FleetFacts FromList(IEnumerable<ContainerSummary> containers)
        {
            var members = containers
                .SelectMany(c => c.Networks.Where(n => !EngineNetworks.Contains(n)).Select(n => (Network: n, Name: c.Names.FirstOrDefault() ?? c.Id)))
                .GroupBy(p => p.Network)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Name).Distinct().ToList());
            return new FleetFacts { NetworkMembers = members };
        }
    }
}
