using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Reporting
{
    /// <summary>What a report is about; decides the location a SARIF result gets and how a target is named.</summary>
    internal enum TargetKind
    {
        Daemon,
        Container,
        Compose,
        /// <summary>A Swarm service (Get-ServiceHardening).</summary>
        Service,
        /// <summary>Bare findings piped in without their report: only the finding's Target is known.</summary>
        Finding,
    }

    /// <summary>One finding as the writers see it: the public finding's fields plus the optional ones read dynamically.</summary>
    internal sealed record ExportFinding(
        string RuleId,
        string Name,
        string Title,
        Severity Severity,
        FindingStatus Status,
        string Target,
        string Evidence,
        string Remediation,
        string SeedSection,
        string CisId,
        int? Line = null,
        int? Column = null,
        string? WaiverReason = null,
        string? File = null)
    {
        /// <summary>Fail, Warn and Waived are what a report is about; Pass and NotApplicable are context.</summary>
        public bool IsReported => Status is FindingStatus.Fail or FindingStatus.Warn or FindingStatus.Waived;
    }

    /// <summary>
    /// One audited thing (a container, a compose service, a daemon, or the target of bare findings) with its
    /// findings: the writers' only input, free of PowerShell types so that they stay pure and testable.
    /// </summary>
    internal sealed record ExportTarget(
        TargetKind Kind,
        string Name,
        IReadOnlyList<ExportFinding> Findings,
        string? DockerHost = null,
        string? ContainerId = null,
        string? Image = null,
        string? Path = null,
        int? Line = null,
        string? ServerVersion = null,
        string? ConfigPath = null,
        string? State = null,
        bool? ReportedCompliant = null)
    {
        /// <summary>The name shown in every format; <see cref="Arrange"/> makes it unique across the export.</summary>
        public string Label { get; init; } = Name;

        public int Count(FindingStatus status) => Findings.Count(f => f.Status == status);

        /// <summary>The report's score, from the findings by the reports' own formula.</summary>
        public double Score => ReportFigures.Score(Outcomes);

        /// <summary>The highest severity that failed or warned, or null.</summary>
        public Severity? WorstSeverity => ReportFigures.Worst(Outcomes);

        /// <summary>
        /// The report's own Compliant (it depends on the -FailOn of the audit); for bare findings, which carry none,
        /// nothing fails at High or above (the audits' default).
        /// </summary>
        public bool Compliant => ReportedCompliant ?? ReportFigures.Compliant(Outcomes, Severity.High);

        private IReadOnlyCollection<(FindingStatus Status, Severity Severity)> Outcomes => Findings.Select(f => (f.Status, f.Severity)).ToList();

        /// <summary>
        /// Sorts targets and their findings so that one audit gives byte-identical files whatever order the
        /// concurrent audit emitted them in, and labels same-named targets on different hosts apart.
        /// </summary>
        public static IReadOnlyList<ExportTarget> Arrange(IEnumerable<ExportTarget> targets)
        {
            var sorted = targets
                .OrderBy(t => t.Kind)
                .ThenBy(t => t.Path ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(t => t.Name, StringComparer.Ordinal)
                .ThenBy(t => t.DockerHost ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(t => t.ContainerId ?? string.Empty, StringComparer.Ordinal)
                .Select(t => t with
                {
                    Findings = t.Findings
                        .OrderBy(f => f.RuleId, StringComparer.Ordinal)
                        .ThenBy(f => f.Line ?? 0)
                        .ThenBy(f => f.Column ?? 0)
                        .ThenBy(f => f.Evidence, StringComparer.Ordinal)
                        .ToList(),
                })
                .ToList();

            var clashing = sorted.GroupBy(t => BaseLabel(t), StringComparer.Ordinal)
                .Where(g => g.Count() > 1)
                .Select(g => g.Key)
                .ToHashSet(StringComparer.Ordinal);
            return sorted
                .Select(t => t with { Label = clashing.Contains(BaseLabel(t)) && t.DockerHost is not null ? $"{BaseLabel(t)} on {t.DockerHost}" : BaseLabel(t) })
                .ToList();
        }

        private static string BaseLabel(ExportTarget t) => t.Kind switch
        {
            TargetKind.Compose when t.Path is not null => $"{t.Name} ({t.Path})",
            _ => t.Name,
        };
    }
}
