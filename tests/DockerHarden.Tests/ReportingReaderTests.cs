using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using DockerHarden.Models;
using DockerHarden.Reporting;
using Xunit;

namespace DockerHarden.Tests
{
    public class ReportingReaderTests
    {
        // Reflection stands in for PowerShell's adapter: a property by name, case-insensitively, or null.
        private static object? Get(object item, string name) =>
            item.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.GetValue(item);

        private static HardeningFinding Finding(string ruleId, FindingStatus status, string target = "web") =>
            new(ruleId, "Name", "Title", Severity.High, status, target, "evidence", "fix", "2", "4.1");

        [Fact]
        public void ContainerReportBecomesAContainerTarget()
        {
            var reader = new ExportTargetReader(Get);
            var report = new ContainerHardeningReport("web", "0123456789abcdef", "img:1", "running", "unix:///x.sock",
                new[] { Finding("DH101", FindingStatus.Fail) }, Severity.High);
            Assert.Empty(reader.Add(report));
            var target = reader.Targets().Single();
            Assert.Equal(TargetKind.Container, target.Kind);
            Assert.Equal("web", target.Name);
            Assert.Equal("unix:///x.sock", target.DockerHost);
            Assert.Equal("img:1", target.Image);
            Assert.Equal(FindingStatus.Fail, target.Findings.Single().Status);
        }

        [Fact]
        public void ComposeAndDaemonReportsAreRecognisedByTheirProperties()
        {
            var reader = new ExportTargetReader(Get);
            reader.Add(new { Path = "/r/compose.yml", Service = "db", Line = 7, Findings = new object[] { Finding("DH101", FindingStatus.Fail, "db") } });
            reader.Add(new { DockerHost = "tcp://h:2376", ServerVersion = "20.10", ConfigPath = "/etc/docker/daemon.json", Findings = Array.Empty<object>() });
            var targets = reader.Targets();
            var compose = targets.Single(t => t.Kind == TargetKind.Compose);
            Assert.Equal("db", compose.Name);
            Assert.Equal(7, compose.Line);
            var daemon = targets.Single(t => t.Kind == TargetKind.Daemon);
            Assert.Equal("tcp://h:2376", daemon.Name);
            Assert.Equal("20.10", daemon.ServerVersion);
        }

        [Fact]
        public void OptionalFindingFieldsAreReadWhenPresent()
        {
            var reader = new ExportTargetReader(Get);
            var future = new
            {
                RuleId = "DH119", Name = "ReadOnlyRootFilesystem", Title = "t", Severity = "Medium", Status = "Waived",
                Target = "db", Evidence = "e", Remediation = "r", SeedSection = "7.4", CisId = "5.13",
                Line = (int?)9, Column = (int?)3, WaiverReason = "writes to /",
            };
            reader.Add(new { Service = "db", Path = "/c.yml", Findings = new object[] { future } });
            var finding = reader.Targets().Single().Findings.Single();
            Assert.Equal(9, finding.Line);
            Assert.Equal(3, finding.Column);
            Assert.Equal("writes to /", finding.WaiverReason);
            Assert.Equal(FindingStatus.Waived, finding.Status);
        }

        [Fact]
        public void BareFindingsAreGroupedByTarget()
        {
            var reader = new ExportTargetReader(Get);
            foreach (var f in new[] { Finding("DH101", FindingStatus.Fail, "a"), Finding("DH102", FindingStatus.Pass, "b"), Finding("DH103", FindingStatus.Fail, "a") })
            {
                Assert.Empty(reader.Add(f));
            }

            var targets = reader.Targets();
            Assert.Equal(new[] { "a", "b" }, targets.Select(t => t.Name));
            Assert.All(targets, t => Assert.Equal(TargetKind.Finding, t.Kind));
            Assert.Equal(2, targets[0].Findings.Count);
        }

        [Fact]
        public void UnknownInputAndBrokenFindingsAreProblems()
        {
            var reader = new ExportTargetReader(Get);
            Assert.Equal("ExportInputNotSupported", reader.Add("just text").Single().ErrorId);
            var problems = reader.Add(new { Name = "web", ContainerId = "abc", Findings = new object[] { new { RuleId = "DH101", Status = "Broken", Severity = "High" }, Finding("DH102", FindingStatus.Pass) } });
            Assert.Equal("ExportFindingInvalid", problems.Single().ErrorId);
            Assert.Single(reader.Targets().Single().Findings);
        }

        [Fact]
        public void ExplicitKindFromOurJsonWins()
        {
            var reader = new ExportTargetReader(Get);
            reader.Add(new { Kind = "Compose", Name = "db", Path = "/c.yml", ContainerId = (string?)null, Findings = new List<object>() });
            Assert.Equal(TargetKind.Compose, reader.Targets().Single().Kind);
        }
    }
}
