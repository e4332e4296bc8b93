using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>The audit of one Docker engine and its host: every selected daemon rule's finding and the summary figures.</summary>
    public sealed class DaemonHardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public DaemonHardeningReport(string dockerHost, string serverVersion, string configPath, bool rootless,
            IReadOnlyList<HardeningFinding> findings, Severity failOn)
        {
            DockerHost = dockerHost;
            ServerVersion = serverVersion;
            ConfigPath = configPath;
            Rootless = rootless;
            Findings = findings.ToArray();
            var summary = new FindingSummary(Findings, failOn);
            Score = summary.Score;
            Compliant = summary.Compliant;
            FailCount = summary.FailCount;
            WarnCount = summary.WarnCount;
            WorstSeverity = summary.WorstSeverity;
        }

        /// <summary>The engine endpoint that was audited.</summary>
        public string DockerHost { get; }

        /// <summary>The engine's version, as its info reports it.</summary>
        public string ServerVersion { get; }

        /// <summary>The daemon.json that was read (or would be read); empty when unknown, for example for a remote engine.</summary>
        public string ConfigPath { get; }

        /// <summary>True when the engine runs rootless.</summary>
        public bool Rootless { get; }

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
