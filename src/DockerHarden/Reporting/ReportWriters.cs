using System;
using System.Collections.Generic;
using System.IO;
using DockerHarden.Models;

namespace DockerHarden.Reporting
{
    /// <summary>Picks the writer for a format, and the format for a file name when none was asked for.</summary>
    internal static class ReportWriters
    {
        /// <summary>The format a file extension implies: .sarif/.sarif.json, .xml, .json, .html/.htm; null for anything else.</summary>
        public static ReportFormat? FormatOf(string path)
        {
            string name = Path.GetFileName(path);
            // .sarif.json first: it also ends in .json.
            if (name.EndsWith(".sarif", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".sarif.json", StringComparison.OrdinalIgnoreCase))
            {
                return ReportFormat.Sarif;
            }

            return Path.GetExtension(name).ToLowerInvariant() switch
            {
                ".xml" => ReportFormat.JUnit,
                ".json" => ReportFormat.Json,
                ".html" or ".htm" => ReportFormat.Html,
                _ => null,
            };
        }

        public static void Write(ReportFormat format, TextWriter output, IReadOnlyList<ExportTarget> targets, ReportOptions options)
        {
            switch (format)
            {
                case ReportFormat.Sarif:
                    SarifReportWriter.Write(output, targets, options);
                    break;
                case ReportFormat.JUnit:
                    JUnitReportWriter.Write(output, targets, options);
                    break;
                case ReportFormat.Json:
                    JsonReportWriter.Write(output, targets, options);
                    break;
                case ReportFormat.Html:
                    HtmlReportWriter.Write(output, targets, options);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown report format.");
            }
        }
    }
}
