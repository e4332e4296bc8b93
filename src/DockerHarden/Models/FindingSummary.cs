using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>Score and compliance derived from a set of findings, shared by every report type.</summary>
    internal readonly struct FindingSummary
    {
        public FindingSummary(IReadOnlyCollection<HardeningFinding> findings, Severity failOn)
        {
            int pass = findings.Count(f => f.Status == FindingStatus.Pass);
            FailCount = findings.Count(f => f.Status == FindingStatus.Fail);
            WarnCount = findings.Count(f => f.Status == FindingStatus.Warn);
            double denominator = pass + FailCount + (WarnCount * 0.5);
            Score = denominator == 0 ? 100 : Math.Round(100.0 * pass / denominator, 1);
            Compliant = !findings.Any(f => f.Status == FindingStatus.Fail && f.Severity >= failOn);
            var bad = findings.Where(f => f.Status is FindingStatus.Fail or FindingStatus.Warn).ToList();
            WorstSeverity = bad.Count == 0 ? null : bad.Max(f => f.Severity);
        }

        public double Score { get; }
        public bool Compliant { get; }
        public int FailCount { get; }
        public int WarnCount { get; }
        public Severity? WorstSeverity { get; }
    }
}
