using System.Collections.Generic;
using System.IO;
using DockerHarden.Models;
using DockerHarden.Reporting;

namespace DockerHarden.Tests
{
    /// <summary>Canned targets for the report writer tests: a container, a compose service and a daemon.</summary>
    internal static class ReportingSamples
    {
        public const string Host = "unix:///var/run/docker.sock";
        public const string ComposePath = "/repo/deploy/compose.yml";
        public const string Waiver = "mysql writes to its root filesystem & keeps \"state\"";

        public static ExportFinding Finding(string ruleId, FindingStatus status, Severity severity = Severity.High,
            string target = "web", string evidence = "evidence", int? line = null, int? column = null, string? waiver = null) =>
            new(ruleId, "Name" + ruleId, "Title of " + ruleId, severity, status, target, evidence, "fix for " + ruleId,
                "2", "4.1", line, column, waiver);

        public static ExportTarget Container() => new(TargetKind.Container, "web", new[]
            {
                Finding("DH101", FindingStatus.Fail, Severity.High, evidence: "no user is set: the process runs as root"),
                Finding("DH102", FindingStatus.Pass),
                Finding("DH117", FindingStatus.Warn, Severity.Medium, evidence: "swap allowed"),
                Finding("DH120", FindingStatus.NotApplicable, Severity.Low, evidence: "overlay2 on extfs cannot enforce a quota"),
                Finding("DH119", FindingStatus.Waived, Severity.Medium, waiver: Waiver),
            },
            DockerHost: Host, ContainerId: "0123456789abcdef0123", Image: "shop/web:1.2");

        public static ExportTarget ComposeTarget() => new(TargetKind.Compose, "db", new[]
            {
                Finding("DH101", FindingStatus.Fail, Severity.High, target: "db", evidence: "user: root", line: 14, column: 5),
                Finding("DH116", FindingStatus.Fail, Severity.High, target: "db", evidence: "no memory limit"),
                Finding("DH116", FindingStatus.Pass, Severity.High, target: "db", evidence: "mem_limit set", line: 20, column: 7),
            },
            Path: ComposePath, Line: 12);

        public static ExportTarget DaemonTarget() => new(TargetKind.Daemon, Host, new[]
            {
                Finding("DH014", FindingStatus.Fail, Severity.Medium, target: Host, evidence: "no-new-privileges is not set"),
            },
            DockerHost: Host, ServerVersion: "20.10.24", ConfigPath: "/etc/docker/daemon.json");

        public static IReadOnlyList<ExportTarget> All() => ExportTarget.Arrange(new[] { Container(), ComposeTarget(), DaemonTarget() });

        public static string Write(ReportFormat format, IReadOnlyList<ExportTarget> targets, ReportOptions? options = null)
        {
            using var writer = new StringWriter();
            ReportWriters.Write(format, writer, targets, options ?? new ReportOptions { ToolVersion = "1.2.3" });
            return writer.ToString();
        }
    }
}
