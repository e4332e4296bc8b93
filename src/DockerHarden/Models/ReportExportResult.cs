namespace DockerHarden.Models
{
    /// <summary>What Export-HardeningReport -PassThru returns: the file written and how much went into it.</summary>
    public sealed class ReportExportResult
    {
        /// <summary>Creates a result.</summary>
        public ReportExportResult(string path, ReportFormat format, int targets, int findings)
        {
            Path = path;
            Format = format;
            Targets = targets;
            Findings = findings;
        }

        /// <summary>The full path of the report file.</summary>
        public string Path { get; }

        /// <summary>The format written: Sarif, JUnit, Json or Html.</summary>
        public ReportFormat Format { get; }

        /// <summary>How many targets (containers, services, engines, or targets of bare findings) the file holds.</summary>
        public int Targets { get; }

        /// <summary>How many findings were exported, in every status (SARIF keeps only Fail, Warn and Waived as results).</summary>
        public int Findings { get; }

        /// <summary>The path, for string contexts such as Invoke-Item.</summary>
        public override string ToString() => Path;
    }
}
