using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DockerHarden.Models;

namespace DockerHarden.Reporting
{
    /// <summary>
    /// SARIF 2.1.0: one run, the rules that were evaluated as driver rules, one result per Fail, Warn or Waived finding.
    /// Compose findings point at their file and line; container and daemon findings carry a logical location.
    /// </summary>
    internal static class SarifReportWriter
    {
        public const string SchemaUri = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
        private const string BaseId = "SRCROOT";

        public static void Write(TextWriter output, IReadOnlyList<ExportTarget> targets, ReportOptions options)
        {
            var rules = RulesOf(targets, options);
            var ruleIndex = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);

            JsonText.Write(output, json =>
            {
                json.WriteStartObject();
                json.WriteString("$schema", SchemaUri);
                json.WriteString("version", "2.1.0");
                json.WriteStartArray("runs");
                json.WriteStartObject();

                json.WriteStartObject("tool");
                json.WriteStartObject("driver");
                json.WriteString("name", options.ToolName);
                json.WriteString("version", options.ToolVersion);
                json.WriteString("semanticVersion", options.ToolVersion);
                json.WriteString("informationUri", options.InformationUri);
                json.WriteStartArray("rules");
                foreach (var rule in rules)
                {
                    WriteRule(json, rule);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();

                if (options.BasePath is not null)
                {
                    json.WriteStartObject("originalUriBaseIds");
                    json.WriteStartObject(BaseId);
                    json.WriteString("uri", DirectoryUri(options.BasePath));
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteStartArray("results");
                foreach (var target in targets)
                {
                    foreach (var finding in target.Findings.Where(f => f.IsReported))
                    {
                        WriteResult(json, target, finding, ruleIndex[finding.RuleId], options);
                    }
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndArray();
                json.WriteEndObject();
            });
        }

        /// <summary>SARIF level of a severity: what code scanning shows as error, warning or note.</summary>
        public static string Level(Severity severity) => severity switch
        {
            Severity.Critical or Severity.High => "error",
            Severity.Medium => "warning",
            _ => "note",
        };

        /// <summary>GitHub's "security-severity" (a CVSS-like score) that sorts alerts into critical/high/medium/low.</summary>
        public static string SecuritySeverity(Severity severity) => severity switch
        {
            Severity.Critical => "9.5",
            Severity.High => "8.0",
            Severity.Medium => "5.5",
            Severity.Low => "3.0",
            _ => "1.0",
        };

        private sealed record RuleMeta(string Id, string Name, string Title, Severity Severity, string Remediation, string SeedSection, string CisId,
            string Description = "", string Rationale = "");

        /// <summary>Every rule evaluated in the export, by id: from the catalog when it knows the rule, else from its first finding.</summary>
        private static IReadOnlyList<RuleMeta> RulesOf(IReadOnlyList<ExportTarget> targets, ReportOptions options) =>
            targets.SelectMany(t => t.Findings)
                .GroupBy(f => f.RuleId, StringComparer.Ordinal)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g =>
                {
                    var first = g.First();
                    return options.Catalog.TryGetValue(g.Key, out var rule)
                        ? new RuleMeta(rule.Id, rule.Name, rule.Title, rule.Severity, rule.Remediation, rule.SeedSection, rule.CisId, rule.Description, rule.Rationale)
                        : new RuleMeta(first.RuleId, first.Name, first.Title, g.Min(f => f.Severity), first.Remediation, first.SeedSection, first.CisId);
                })
                .ToList();

        private static void WriteRule(Utf8JsonWriter json, RuleMeta rule)
        {
            json.WriteStartObject();
            json.WriteString("id", rule.Id);
            json.WriteString("name", rule.Name);
            WriteText(json, "shortDescription", rule.Title);
            // Code scanning shows fullDescription on the alert: what the rule checks and why, when the catalog says.
            WriteText(json, "fullDescription", rule.Description.Length > 0
                ? $"{rule.Description} {rule.Rationale} Fix: {rule.Remediation}"
                : $"{rule.Title}. Fix: {rule.Remediation}");
            WriteText(json, "help", rule.Remediation);
            json.WriteStartObject("defaultConfiguration");
            json.WriteString("level", Level(rule.Severity));
            json.WriteEndObject();
            json.WriteStartObject("properties");
            json.WriteString("seedSection", rule.SeedSection);
            json.WriteString("cisId", rule.CisId);
            json.WriteString("severity", rule.Severity.ToString());
            json.WriteString("security-severity", SecuritySeverity(rule.Severity));
            json.WriteStartArray("tags");
            json.WriteStringValue("security");
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WriteResult(Utf8JsonWriter json, ExportTarget target, ExportFinding finding, int ruleIndex, ReportOptions options)
        {
            json.WriteStartObject();
            json.WriteString("ruleId", finding.RuleId);
            json.WriteNumber("ruleIndex", ruleIndex);
            json.WriteString("level", finding.Status == FindingStatus.Warn ? "warning" : Level(finding.Severity));
            string evidence = finding.Evidence.Length > 0 ? finding.Evidence : finding.Title;
            WriteText(json, "message", $"{target.Label}: {evidence}");

            json.WriteStartArray("locations");
            json.WriteStartObject();
            if (target.Kind == TargetKind.Compose && target.Path is not null)
            {
                WritePhysicalLocation(json, target, finding, options);
            }
            else
            {
                // GitHub code scanning rejects the whole file when a result has no artifact location, and containers
                // and daemons have no file: a stable pseudo path names the target (as image scanners name the image);
                // the logical location below says what it really is.
                json.WriteStartObject("physicalLocation");
                json.WriteStartObject("artifactLocation");
                json.WriteString("uri", PseudoUri(target));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteStartArray("logicalLocations");
            json.WriteStartObject();
            json.WriteString("name", target.Name);
            json.WriteString("fullyQualifiedName", FullyQualifiedName(target));
            json.WriteString("kind", target.Kind == TargetKind.Daemon ? "module" : "object");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();

            // Code scanning matches alerts across runs by these; without a file it cannot compute its own.
            json.WriteStartObject("partialFingerprints");
            json.WriteString("dockerHardenTarget/v1", Fingerprint(finding.RuleId, FullyQualifiedName(target)));
            json.WriteEndObject();

            if (finding.Status == FindingStatus.Waived)
            {
                json.WriteStartArray("suppressions");
                json.WriteStartObject();
                json.WriteString("kind", "external");
                json.WriteString("status", "accepted");
                json.WriteString("justification", finding.WaiverReason ?? "Waived by policy.");
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartObject("properties");
            json.WriteString("status", finding.Status.ToString());
            json.WriteString("severity", finding.Severity.ToString());
            json.WriteString("target", target.Label);
            WriteOptional(json, "dockerHost", target.DockerHost);
            WriteOptional(json, "containerId", target.ContainerId);
            WriteOptional(json, "image", target.Image);
            WriteOptional(json, "composeFile", target.Path);
            WriteOptional(json, "serverVersion", target.ServerVersion);
            WriteOptional(json, "remediation", finding.Remediation);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        private static void WritePhysicalLocation(Utf8JsonWriter json, ExportTarget target, ExportFinding finding, ReportOptions options)
        {
            json.WriteStartObject("physicalLocation");
            json.WriteStartObject("artifactLocation");
            // With override files merged, the finding's line is in the file that holds the key, not the service's file.
            var file = finding.File ?? target.Path!;
            var relative = options.BasePath is null ? null : RelativeUri(options.BasePath, file);
            if (relative is not null)
            {
                json.WriteString("uri", relative);
                json.WriteString("uriBaseId", BaseId);
            }
            else
            {
                json.WriteString("uri", FileUri(file));
            }

            json.WriteEndObject();
            int? line = finding.Line ?? target.Line;
            if (line is not null)
            {
                json.WriteStartObject("region");
                json.WriteNumber("startLine", line.Value);
                if (finding.Line is not null && finding.Column is not null)
                {
                    json.WriteNumber("startColumn", finding.Column.Value);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        /// <summary>docker/container/NAME, docker/daemon/HOST or docker/target/NAME, each segment escaped.</summary>
        internal static string PseudoUri(ExportTarget target) =>
            "docker/" + target.Kind.ToString().ToLowerInvariant() + "/" + Uri.EscapeDataString(target.Name);

        private static string FullyQualifiedName(ExportTarget target) => target.Kind switch
        {
            TargetKind.Compose => $"{target.Path}#{target.Name}",
            _ when target.DockerHost is not null => $"{target.DockerHost}/{target.Name}",
            _ => target.Name,
        };

        private static string Fingerprint(string ruleId, string where)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(ruleId + "\n" + where));
            return Convert.ToHexString(hash, 0, 16).ToLowerInvariant();
        }

        private static void WriteText(Utf8JsonWriter json, string name, string text)
        {
            json.WriteStartObject(name);
            json.WriteString("text", text);
            json.WriteEndObject();
        }

        private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                json.WriteString(name, value);
            }
        }

        /// <summary>An absolute path as a file URI; a relative one as a relative reference with escaped segments.</summary>
        internal static string FileUri(string path) =>
            Path.IsPathFullyQualified(path) ? new Uri(path).AbsoluteUri : EscapeSegments(path);

        private static string DirectoryUri(string directory)
        {
            var uri = new Uri(Path.GetFullPath(directory)).AbsoluteUri;
            return uri.EndsWith('/') ? uri : uri + "/";
        }

        /// <summary>The path relative to the base directory, as a URI reference; null when it lies outside it.</summary>
        internal static string? RelativeUri(string basePath, string path)
        {
            if (!Path.IsPathFullyQualified(path))
            {
                return EscapeSegments(path);
            }

            var relative = Path.GetRelativePath(Path.GetFullPath(basePath), path);
            bool outside = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || Path.IsPathFullyQualified(relative);
            return outside ? null : EscapeSegments(relative);
        }

        private static string EscapeSegments(string path) =>
            string.Join('/', path.Split(new[] { '/', Path.DirectorySeparatorChar }).Select(Uri.EscapeDataString));
    }
}
