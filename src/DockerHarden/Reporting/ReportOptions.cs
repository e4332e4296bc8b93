using System;
using System.Collections.Generic;
using DockerHarden.Models;

namespace DockerHarden.Reporting
{
    /// <summary>What the writers need besides the targets: tool identity, the rule catalog and where paths start.</summary>
    internal sealed record ReportOptions
    {
        public string ToolName { get; init; } = "DockerHarden";
        public string ToolVersion { get; init; } = "0.0.0";
        public string InformationUri { get; init; } = "https://github.com/dockerharden/DockerHarden";

        /// <summary>Catalog entries by id: the default severity and generic fix of a rule, when the catalog knows it.</summary>
        public IReadOnlyDictionary<string, HardeningRule> Catalog { get; init; } =
            new Dictionary<string, HardeningRule>(StringComparer.Ordinal);

        /// <summary>
        /// A directory (absolute, with a trailing separator or not): compose file paths below it are written relative
        /// to it (SARIF uriBaseId SRCROOT), as code scanning services expect repository-relative paths.
        /// </summary>
        public string? BasePath { get; init; }

        /// <summary>When the report was made; shown in the HTML page only (the other formats stay reproducible).</summary>
        public DateTimeOffset? GeneratedAt { get; init; }
    }
}
