using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using DockerHarden.Models;

namespace DockerHarden.Reporting
{
    /// <summary>
    /// Plain JSON: an array of targets, each with its findings. Every property is always written (null when it does
    /// not apply) so consumers see one stable shape; enums are strings. ConvertFrom-Json output of this file can be
    /// piped back into Export-HardeningReport.
    /// </summary>
    internal static class JsonReportWriter
    {
        public static void Write(TextWriter output, IReadOnlyList<ExportTarget> targets, ReportOptions options)
        {
            JsonText.Write(output, json =>
            {
                json.WriteStartArray();
                foreach (var target in targets)
                {
                    WriteTarget(json, target);
                }

                json.WriteEndArray();
            });
        }

        private static void WriteTarget(Utf8JsonWriter json, ExportTarget target)
        {
            json.WriteStartObject();
            json.WriteString("kind", target.Kind.ToString());
            json.WriteString("target", target.Label);
            json.WriteString("name", target.Name);
            json.WriteString("dockerHost", target.DockerHost);
            json.WriteString("containerId", target.ContainerId);
            json.WriteString("image", target.Image);
            json.WriteString("path", target.Path);
            WriteNumber(json, "line", target.Line);
            json.WriteString("serverVersion", target.ServerVersion);
            json.WriteString("configPath", target.ConfigPath);
            json.WriteString("state", target.State);
            json.WriteNumber("score", target.Score);
            json.WriteBoolean("compliant", target.Compliant);
            json.WriteString("worstSeverity", target.WorstSeverity?.ToString());
            WriteNumber(json, "worstSeverityRank", target.WorstSeverity is { } worst ? (int)worst : null);
            json.WriteStartObject("summary");
            foreach (var status in new[] { FindingStatus.Pass, FindingStatus.Fail, FindingStatus.Warn, FindingStatus.NotApplicable, FindingStatus.Waived })
            {
                json.WriteNumber(JsonNamingPolicy.CamelCase.ConvertName(status.ToString()), target.Count(status));
            }

            json.WriteEndObject();
            json.WriteStartArray("findings");
            foreach (var f in target.Findings)
            {
                json.WriteStartObject();
                json.WriteString("ruleId", f.RuleId);
                json.WriteString("name", f.Name);
                json.WriteString("title", f.Title);
                json.WriteString("severity", f.Severity.ToString());
                json.WriteNumber("severityRank", (int)f.Severity);
                json.WriteString("status", f.Status.ToString());
                json.WriteString("target", f.Target);
                json.WriteString("evidence", f.Evidence);
                json.WriteString("remediation", f.Remediation);
                json.WriteString("seedSection", f.SeedSection);
                json.WriteString("cisId", f.CisId);
                WriteNumber(json, "line", f.Line);
                WriteNumber(json, "column", f.Column);
                json.WriteString("waiverReason", f.WaiverReason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static void WriteNumber(Utf8JsonWriter json, string name, int? value)
        {
            if (value is null)
            {
                json.WriteNull(name);
            }
            else
            {
                json.WriteNumber(name, value.Value);
            }
        }
    }
}
