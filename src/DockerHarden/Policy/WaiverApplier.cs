using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Policy
{
    /// <summary>Turns Fail and Warn findings that a live waiver covers into Waived ones, keeping the reason.</summary>
    internal static class WaiverApplier
    {
        /// <summary>
        /// Applies the waivers. An expired waiver leaves the finding as it was and says so in its Evidence, and is
        /// reported once in <paramref name="expired"/> so the caller can warn.
        /// </summary>
        public static IReadOnlyList<HardeningFinding> Apply(IEnumerable<HardeningFinding> findings, IReadOnlyList<Waiver> waivers,
            DateTime today, ISet<Waiver> expired)
        {
            if (waivers.Count == 0)
            {
                return findings.ToList();
            }

            return findings.Select(finding =>
            {
                if (finding.Status is not (FindingStatus.Fail or FindingStatus.Warn))
                {
                    return finding;
                }

                var matching = waivers.Where(w => Covers(w, finding)).ToList();
                var live = matching.FirstOrDefault(w => w.Expires is null || w.Expires.Value.Date >= today.Date);
                if (live is not null)
                {
                    return finding.With(FindingStatus.Waived, finding.Evidence, live.Reason);
                }

                var lapsed = matching.FirstOrDefault();
                if (lapsed is null)
                {
                    return finding;
                }

                expired.Add(lapsed);
                return finding.With(finding.Status,
                    $"{finding.Evidence} (waiver expired on {lapsed.Expires:yyyy-MM-dd}: {lapsed.Reason})", null);
            }).ToList();
        }

        private static bool Covers(Waiver waiver, HardeningFinding finding) =>
            RuleCatalog.Matches(waiver.Rule, finding.RuleId, finding.Name) && Wildcard.IsMatch(waiver.Target, finding.Target);
    }
}
