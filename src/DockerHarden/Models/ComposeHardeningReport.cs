using System.Collections.Generic;

namespace DockerHarden.Models
{
    /// <summary>The audit of one compose service: every selected rule's finding and the summary figures.</summary>
    public sealed class ComposeHardeningReport : HardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public ComposeHardeningReport(string path, string service, int line, IReadOnlyList<HardeningFinding> findings, Severity failOn)
            : base(findings, failOn)
        {
            Path = path;
            Service = service;
            Line = line;
        }

        /// <summary>The compose file that declares the service (the first file when several are merged).</summary>
        public string Path { get; }

        /// <summary>The service name.</summary>
        public string Service { get; }

        /// <summary>1-based line where the service starts.</summary>
        public int Line { get; }
    }
}
