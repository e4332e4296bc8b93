using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>The audit of one container: every selected rule's finding and the summary figures.</summary>
    public sealed class ContainerHardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public ContainerHardeningReport(string name, string containerId, string image, string state, string dockerHost,
            IReadOnlyList<HardeningFinding> findings, Severity failOn)
        {
            Name = name;
            ContainerId = containerId;
            Image = image;
            State = state;
            DockerHost = dockerHost;
            Findings = findings.ToArray();
            var summary = new FindingSummary(Findings, failOn);
            Score = summary.Score;
            Compliant = summary.Compliant;
            FailCount = summary.FailCount;
            WarnCount = summary.WarnCount;
            WorstSeverity = summary.WorstSeverity;
        }

        /// <summary>Container name without the leading slash.</summary>
        public string Name { get; }

        /// <summary>Full container id.</summary>
        public string ContainerId { get; }

        /// <summary>Image reference the container was created from.</summary>
        public string Image { get; }

        /// <summary>Engine state: created, running, exited, paused...</summary>
        public string State { get; }

        /// <summary>The engine endpoint that was audited.</summary>
        public string DockerHost { get; }

        /// <summary>One finding per evaluated rule.</summary>
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
