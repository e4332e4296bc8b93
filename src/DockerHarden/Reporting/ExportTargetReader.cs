using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Reporting
{
    /// <summary>Reads a named property of any object (case-insensitively); null when it has none.</summary>
    internal delegate object? PropertyReader(object item, string name);

    /// <summary>Why one input could not be exported; the cmdlet turns it into a non-terminating error.</summary>
    internal sealed record ReadProblem(string ErrorId, string Message, object Target);

    /// <summary>
    /// Turns pipeline input into <see cref="ExportTarget"/>s by property name, so that it accepts every report type
    /// (container, compose, daemon; those written later too), bare findings, and the same objects after a round trip
    /// through Export-Clixml or our own JSON. Optional finding fields (Line, Column, WaiverReason) are read when present.
    /// </summary>
    internal sealed class ExportTargetReader
    {
        private readonly PropertyReader _get;
        private readonly List<ExportTarget> _reports = new();
        // Bare findings are grouped by their Target, in the order first seen.
        private readonly Dictionary<string, List<ExportFinding>> _bare = new(StringComparer.Ordinal);

        public ExportTargetReader(PropertyReader get) => _get = get;

        /// <summary>Adds one input object; returns what could not be read (empty when all was fine).</summary>
        public IReadOnlyList<ReadProblem> Add(object input)
        {
            var problems = new List<ReadProblem>();
            var findingsValue = _get(input, "Findings");
            if (findingsValue is not null)
            {
                var items = Items(findingsValue).ToList();
                if (items.Count > 0 && items.All(f => f is string))
                {
                    // Export-Clixml -Depth 1, ConvertTo-Json without -Depth or a module without its type data turn
                    // findings into their ToString: one clear error for the report, not one per finding.
                    problems.Add(new ReadProblem("ExportFindingsAreText",
                        $"The report '{Text(input, "Name") ?? Text(input, "Service") ?? Text(input, "DockerHost") ?? Describe(input)}' carries its " +
                        $"{items.Count} findings as text, not objects: it was serialized too shallowly (for example ConvertTo-Json without " +
                        "-Depth 4, or Export-Clixml -Depth 1). Export the original reports, or serialize them with a larger -Depth; the report is left out.",
                        input));
                    return problems;
                }

                var findings = items.Select(f => ReadFinding(f, problems)).OfType<ExportFinding>().ToList();
                _reports.Add(ReadReport(input, findings));
            }
            else if (_get(input, "RuleId") is not null)
            {
                if (ReadFinding(input, problems) is { } finding)
                {
                    if (!_bare.TryGetValue(finding.Target, out var list))
                    {
                        _bare[finding.Target] = list = new List<ExportFinding>();
                    }

                    list.Add(finding);
                }
            }
            else
            {
                problems.Add(new ReadProblem("ExportInputNotSupported",
                    $"The input is neither a hardening report (an object with a Findings property) nor a finding (with RuleId and Status): {Describe(input)}.",
                    input));
            }

            return problems;
        }

        /// <summary>Every target read so far, sorted and labelled for the writers.</summary>
        public IReadOnlyList<ExportTarget> Targets() =>
            ExportTarget.Arrange(_reports.Concat(_bare.Select(b => new ExportTarget(TargetKind.Finding, b.Key, b.Value))));

        private ExportTarget ReadReport(object report, IReadOnlyList<ExportFinding> findings)
        {
            string? host = Text(report, "DockerHost");
            string? service = Text(report, "Service");
            string? containerId = Text(report, "ContainerId");
            string? path = Text(report, "Path");
            var kind = Enum.TryParse<TargetKind>(Text(report, "Kind"), ignoreCase: true, out var k) ? k
                : Text(report, "ServiceId") is not null ? TargetKind.Service
                : service is not null ? TargetKind.Compose
                : containerId is not null ? TargetKind.Container
                : Text(report, "ServerVersion") is not null || Text(report, "ConfigPath") is not null ? TargetKind.Daemon
                : TargetKind.Finding;
            string name = kind switch
            {
                TargetKind.Compose => service ?? Text(report, "Name") ?? "(service)",
                TargetKind.Container => Text(report, "Name") ?? Short(containerId) ?? "(container)",
                TargetKind.Service => Text(report, "Name") ?? Short(Text(report, "ServiceId")) ?? "(service)",
                TargetKind.Daemon => Text(report, "Name") ?? host ?? "(daemon)",
                _ => Text(report, "Name") ?? Text(report, "Target") ?? findings.FirstOrDefault()?.Target ?? "(unnamed)",
            };
            return new ExportTarget(kind, name, findings,
                DockerHost: host,
                ContainerId: containerId,
                Image: Text(report, "Image"),
                Path: path,
                Line: Number(report, "Line"),
                ServerVersion: Text(report, "ServerVersion"),
                ConfigPath: Text(report, "ConfigPath"),
                State: Text(report, "State"),
                ReportedCompliant: bool.TryParse(Text(report, "Compliant"), out bool compliant) ? compliant : null);
        }

        private ExportFinding? ReadFinding(object finding, List<ReadProblem> problems)
        {
            string? ruleId = Text(finding, "RuleId");
            bool statusOk = Enum.TryParse<FindingStatus>(Text(finding, "Status"), ignoreCase: true, out var status);
            bool severityOk = Enum.TryParse<Severity>(Text(finding, "Severity"), ignoreCase: true, out var severity);
            if (ruleId is null || !statusOk || !severityOk ||
                !Enum.IsDefined(status) || !Enum.IsDefined(severity))
            {
                problems.Add(new ReadProblem("ExportFindingInvalid",
                    $"A finding lacks a RuleId, a Status (Pass, Fail, Warn, NotApplicable, Waived) or a Severity (Info..Critical) and is left out: {Describe(finding)}.",
                    finding));
                return null;
            }

            return new ExportFinding(
                ruleId,
                Text(finding, "Name") ?? ruleId,
                Text(finding, "Title") ?? string.Empty,
                severity,
                status,
                Text(finding, "Target") ?? string.Empty,
                Text(finding, "Evidence") ?? string.Empty,
                Text(finding, "Remediation") ?? string.Empty,
                Text(finding, "SeedSection") ?? "-",
                Text(finding, "CisId") ?? "-",
                Number(finding, "Line"),
                Number(finding, "Column"),
                Text(finding, "WaiverReason"),
                Text(finding, "File"));
        }

        private string? Text(object item, string name)
        {
            var value = _get(item, name);
            var text = value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
            return string.IsNullOrEmpty(text) ? null : text;
        }

        private int? Number(object item, string name) =>
            int.TryParse(Text(item, name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : null;

        private static IEnumerable<object> Items(object value) =>
            value is IEnumerable many and not string ? many.Cast<object?>().OfType<object>() : new[] { value };

        private static string? Short(string? id) => id is { Length: > 12 } ? id[..12] : id;

        private static string Describe(object item)
        {
            var text = Convert.ToString(item, CultureInfo.InvariantCulture) ?? item.GetType().Name;
            return text.Length > 120 ? text[..120] + "..." : text;
        }
    }
}
