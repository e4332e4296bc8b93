using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>
    /// What every audit report shares: the findings of one target and the figures derived from them. The score and
    /// compliance rules live here once, for containers, compose services and engines alike.
    /// </summary>
    public abstract class HardeningReport
    {
        /// <summary>Derives the summary figures from the findings.</summary>
        protected HardeningReport(IReadOnlyList<HardeningFinding> findings, Severity failOn)
        {
            Findings = findings.ToArray();
            int pass = Findings.Count(f => f.Status == FindingStatus.Pass);
            FailCount = Findings.Count(f => f.Status == FindingStatus.Fail);
            WarnCount = Findings.Count(f => f.Status == FindingStatus.Warn);
            double denominator = pass + FailCount + (WarnCount * 0.5);
            Score = denominator == 0 ? 100 : Math.Round(100.0 * pass / denominator, 1);
            Compliant = !Findings.Any(f => f.Status == FindingStatus.Fail && f.Severity >= failOn);
            var bad = Findings.Where(f => f.Status is FindingStatus.Fail or FindingStatus.Warn).ToList();
            WorstSeverity = bad.Count == 0 ? null : bad.Max(f => f.Severity);
        }

        /// <summary>One finding per evaluated rule (Waived and NotApplicable ones included).</summary>
        public HardeningFinding[] Findings { get; }

        /// <summary>passes / (passes + fails + warns x 0.5) over applicable rules, 0-100.</summary>
        public double Score { get; }

        /// <summary>True when nothing fails at or above the requested severity (-FailOn, default High).</summary>
        public bool Compliant { get; }

        /// <summary>Number of failed rules.</summary>
        public int FailCount { get; }

        /// <summary>Number of warnings.</summary>
        public int WarnCount { get; }

        /// <summary>Highest severity among failed or warned findings, or null when there are none.</summary>
        public Severity? WorstSeverity { get; }
    }
}
