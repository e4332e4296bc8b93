using System.Collections.Generic;

namespace DockerHarden.Models
{
    /// <summary>The audit of one Docker engine and its host: every selected daemon rule's finding and the summary figures.</summary>
    public sealed class DaemonHardeningReport : HardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public DaemonHardeningReport(string dockerHost, string serverVersion, string configPath, bool rootless,
            IReadOnlyList<HardeningFinding> findings, Severity failOn)
            : base(findings, failOn)
        {
            DockerHost = dockerHost;
            ServerVersion = serverVersion;
            ConfigPath = configPath;
            Rootless = rootless;
        }

        /// <summary>The engine endpoint that was audited.</summary>
        public string DockerHost { get; }

        /// <summary>The engine's version, as its info reports it.</summary>
        public string ServerVersion { get; }

        /// <summary>The daemon.json that was read (or would be read); empty when unknown, for example for a remote engine.</summary>
        public string ConfigPath { get; }

        /// <summary>True when the engine runs rootless.</summary>
        public bool Rootless { get; }
    }
}
