using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Facts;

namespace DockerHarden.Views.Container
{
    /// <summary>Picks the containers to audit from the engine's list: names or ids (wildcards), labels, state.</summary>
    internal sealed class ContainerSelection
    {
        private ContainerSelection(IReadOnlyList<ContainerSummary> selected, IReadOnlyList<string> unmatched)
        {
            Selected = selected;
            UnmatchedNames = unmatched;
        }

        /// <summary>The containers to audit, in the engine's list order, each once.</summary>
        public IReadOnlyList<ContainerSummary> Selected { get; }

        /// <summary>Names given without wildcards that match no container.</summary>
        public IReadOnlyList<string> UnmatchedNames { get; }

        /// <summary>
        /// Running containers only unless <paramref name="allStates"/>; a name given exactly (no wildcard) is
        /// audited whatever its state, as the user asked for that container.
        /// </summary>
        public static ContainerSelection Select(IReadOnlyList<ContainerSummary> containers, IReadOnlyList<string> names,
            IReadOnlyList<string> labels, bool allStates)
        {
            var candidates = containers.Where(c => labels.All(l => HasLabel(c, l))).ToList();
            // A -Replace claim marker is the module's own bookkeeping (created, never started): only a name given
            // exactly audits it.
            var workloads = candidates.Where(c => !HardeningLabels.IsReplaceClaim(c.Labels)).ToList();
            if (names.Count == 0)
            {
                return new ContainerSelection(workloads.Where(c => allStates || IsRunning(c)).ToList(), Array.Empty<string>());
            }

            var chosen = new HashSet<string>(StringComparer.Ordinal);
            var unmatched = new List<string>();
            foreach (var name in names)
            {
                if (WildcardPattern.ContainsWildcardCharacters(name))
                {
                    var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase);
                    chosen.UnionWith(workloads
                        .Where(c => (allStates || IsRunning(c)) && (c.Names.Any(pattern.IsMatch) || pattern.IsMatch(c.Id)))
                        .Select(c => c.Id));
                    continue;
                }

                var exact = candidates.FirstOrDefault(c => c.Names.Contains(name.TrimStart('/'), StringComparer.Ordinal) || c.Id == name)
                            ?? UniqueIdPrefix(candidates, name);
                if (exact is null)
                {
                    unmatched.Add(name);
                }
                else
                {
                    chosen.Add(exact.Id);
                }
            }

            return new ContainerSelection(candidates.Where(c => chosen.Contains(c.Id)).ToList(), unmatched);
        }

        private static ContainerSummary? UniqueIdPrefix(IReadOnlyList<ContainerSummary> candidates, string prefix)
        {
            if (prefix.Length == 0)
            {
                return null;
            }

            var matches = candidates.Where(c => c.Id.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Take(2).ToList();
            return matches.Count == 1 ? matches[0] : null;
        }

        private static bool IsRunning(ContainerSummary c) => string.Equals(c.State, "running", StringComparison.OrdinalIgnoreCase);

        private static bool HasLabel(ContainerSummary c, string filter)
        {
            var equals = filter.IndexOf('=');
            if (equals < 0)
            {
                return c.Labels.ContainsKey(filter);
            }

            return c.Labels.TryGetValue(filter.Substring(0, equals), out var value) && value == filter.Substring(equals + 1);
        }
    }
}
