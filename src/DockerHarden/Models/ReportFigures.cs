using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>
    /// The summary figures of one target, from its findings' status and severity: the one place the score and
    /// compliance rules live, for the reports and for the exports (which may only have the findings).
    /// </summary>
    internal static class ReportFigures
    {
        /// <summary>passes / (passes + fails + warns x 0.5), 0-100, one decimal; 100 when nothing applies.</summary>
        public static double Score(IReadOnlyCollection<(FindingStatus Status, Severity Severity)> findings)
        {
            int pass = findings.Count(f => f.Status == FindingStatus.Pass);
            int fail = findings.Count(f => f.Status == FindingStatus.Fail);
            int warn = findings.Count(f => f.Status == FindingStatus.Warn);
            double denominator = pass + fail + (warn * 0.5);
            return denominator == 0 ? 100 : Math.Round(100.0 * pass / denominator, 1);
        }

        /// <summary>True when nothing fails at or above <paramref name="failOn"/>.</summary>
        public static bool Compliant(IEnumerable<(FindingStatus Status, Severity Severity)> findings, Severity failOn) =>
            !findings.Any(f => f.Status == FindingStatus.Fail && f.Severity >= failOn);

        /// <summary>The highest severity among failed or warned findings, or null when there are none.</summary>
        public static Severity? Worst(IEnumerable<(FindingStatus Status, Severity Severity)> findings)
        {
            var bad = findings.Where(f => f.Status is FindingStatus.Fail or FindingStatus.Warn).ToList();
            return bad.Count == 0 ? null : bad.Max(f => f.Severity);
        }
    }
}
