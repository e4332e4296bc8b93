using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>The audit of one compose service: every selected rule's finding and the summary figures.</summary>
    public sealed class ComposeHardeningReport : HardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public ComposeHardeningReport(string path, IEnumerable<string> files, string service, int line, IReadOnlyList<HardeningFinding> findings, Severity failOn)
            : base(findings, failOn)
        {
            Path = path;
            Files = files.ToArray();
            Service = service;
            Line = line;
        }

        /// <summary>The compose file that declares the service first (where Line points); findings name their own File.</summary>
        public string Path { get; }

        /// <summary>
        /// Every file of the audited project, in merge order. Piped to Get-ComposeHardening or Repair-ComposeFile it
        /// binds to -LiteralPath, so the same files are read again, literally.
        /// </summary>
        public string[] Files { get; }

        /// <summary>The service name.</summary>
        public string Service { get; }

        /// <summary>1-based line where the service starts.</summary>
        public int Line { get; }
    }
}
