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
            var outcomes = Findings.Select(f => (f.Status, f.Severity)).ToList();
            FailCount = Findings.Count(f => f.Status == FindingStatus.Fail);
            WarnCount = Findings.Count(f => f.Status == FindingStatus.Warn);
            Score = ReportFigures.Score(outcomes);
            Compliant = ReportFigures.Compliant(outcomes, failOn);
            WorstSeverity = ReportFigures.Worst(outcomes);
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

        /// <summary>WorstSeverity as a number (Info 0 to Critical 4), or null: comparable after a job or Export-Clixml.</summary>
        public int? WorstSeverityRank => WorstSeverity is { } worst ? (int)worst : null;
    }
}
