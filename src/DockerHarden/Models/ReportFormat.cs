namespace DockerHarden.Models
{
    /// <summary>File formats Export-HardeningReport writes.</summary>
    public enum ReportFormat
    {
        /// <summary>SARIF 2.1.0 (code scanning: GitHub, Azure DevOps, IDE viewers).</summary>
        Sarif,
        /// <summary>JUnit XML: one test case per target and rule (CI test result views).</summary>
        JUnit,
        /// <summary>Plain JSON: the targets with their findings, enums as strings.</summary>
        Json,
        /// <summary>One self-contained HTML page with charts and sortable tables.</summary>
        Html,
    }
}
