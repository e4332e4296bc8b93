using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>The audit of one compose service: every selected rule's finding and the summary figures.</summary>
    public sealed class ComposeHardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public ComposeHardeningReport(string path, string service, int line, IReadOnlyList<HardeningFinding> findings, Severity failOn)
        {
            Path = path;
            Service = service;
            Line = line;
            Findings = findings.ToArray();
            var summary = new FindingSummary(Findings, failOn);
            Score = summary.Score;
            Compliant = summary.Compliant;
            FailCount = summary.FailCount;
            WarnCount = summary.WarnCount;
            WorstSeverity = summary.WorstSeverity;
        }

        /// <summary>The compose file that declares the service (the first file when several are merged).</summary>
        public string Path { get; }

        /// <summary>The service name.</summary>
        public string Service { get; }

        /// <summary>1-based line where the service starts.</summary>
        public int Line { get; }

        /// <summary>One finding per evaluated rule, each with the Line and Column of the key that decided it.</summary>
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
