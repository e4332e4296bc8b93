using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DockerHarden.Models;
using DockerHarden.Reporting;
using Xunit;
using static DockerHarden.Tests.ReportingSamples;

namespace DockerHarden.Tests
{
    public class ReportingSarifTests
    {
        private static JsonElement Run(IReadOnlyList<ExportTarget> targets, ReportOptions? options = null)
        {
            using var doc = JsonDocument.Parse(Write(ReportFormat.Sarif, targets, options));
            var root = doc.RootElement.Clone();
            Assert.Equal("2.1.0", root.GetProperty("version").GetString());
            Assert.Contains("sarif", root.GetProperty("$schema").GetString());
            return root.GetProperty("runs").EnumerateArray().Single();
        }

        private static JsonElement[] Results(JsonElement run) => run.GetProperty("results").EnumerateArray().ToArray();

        private static JsonElement ResultFor(JsonElement run, string ruleId, string target) =>
            Results(run).Single(r => r.GetProperty("ruleId").GetString() == ruleId &&
                                     r.GetProperty("properties").GetProperty("target").GetString() == target);

        [Fact]
        public void OneResultPerFailWarnOrWaivedFinding()
        {
            var run = Run(All());
            // web: Fail, Warn, Waived; db: two Fails (the Pass is left out); daemon: one Fail.
            Assert.Equal(6, Results(run).Length);
            Assert.DoesNotContain(Results(run), r => r.GetProperty("ruleId").GetString() is "DH102" or "DH120");
        }

        [Fact]
        public void DriverNamesTheToolAndListsEveryEvaluatedRuleInIdOrder()
        {
            var driver = Run(All()).GetProperty("tool").GetProperty("driver");
            Assert.Equal("DockerHarden", driver.GetProperty("name").GetString());
            Assert.Equal("1.2.3", driver.GetProperty("version").GetString());
            var ids = driver.GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToArray();
            Assert.Equal(new[] { "DH014", "DH101", "DH102", "DH116", "DH117", "DH119", "DH120" }, ids);
        }

        [Fact]
        public void RuleIndexPointsAtTheResultsRule()
        {
            var run = Run(All());
            var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().ToArray();
            foreach (var result in Results(run))
            {
                Assert.Equal(result.GetProperty("ruleId").GetString(), rules[result.GetProperty("ruleIndex").GetInt32()].GetProperty("id").GetString());
            }
        }

        [Fact]
        public void RuleMetadataCarriesTitleFixSeverityAndSources()
        {
            var rule = Run(All()).GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
                .Single(r => r.GetProperty("id").GetString() == "DH101");
            Assert.Equal("NameDH101", rule.GetProperty("name").GetString());
            Assert.Equal("Title of DH101", rule.GetProperty("shortDescription").GetProperty("text").GetString());
            Assert.Equal("fix for DH101", rule.GetProperty("help").GetProperty("text").GetString());
            Assert.Equal("error", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            var properties = rule.GetProperty("properties");
            Assert.Equal("2", properties.GetProperty("seedSection").GetString());
            Assert.Equal("4.1", properties.GetProperty("cisId").GetString());
            Assert.Equal("High", properties.GetProperty("severity").GetString());
            Assert.Equal("8.0", properties.GetProperty("security-severity").GetString());
            Assert.Equal("security", properties.GetProperty("tags")[0].GetString());
        }

        [Fact]
        public void CatalogEntryWinsOverTheFindingForRuleMetadata()
        {
            var catalog = new Dictionary<string, HardeningRule>
            {
                ["DH101"] = new("DH101", "RunAsNonRootUser", "Run as non-root", Severity.Low, new[] { RuleView.Container }, "2", "4.1", "--user 10001"),
            };
            var rule = Run(All(), new ReportOptions { Catalog = catalog }).GetProperty("tool").GetProperty("driver").GetProperty("rules")
                .EnumerateArray().Single(r => r.GetProperty("id").GetString() == "DH101");
            Assert.Equal("RunAsNonRootUser", rule.GetProperty("name").GetString());
            Assert.Equal("note", rule.GetProperty("defaultConfiguration").GetProperty("level").GetString());
            Assert.Equal("3.0", rule.GetProperty("properties").GetProperty("security-severity").GetString());
        }

        [Fact]
        public void RuleDescriptionTellsWhatTheRuleChecksAndWhy()
        {
            var catalog = new Dictionary<string, HardeningRule>
            {
                ["DH101"] = new("DH101", "RunAsNonRootUser", "Run as non-root", Severity.High, new[] { RuleView.Container }, "2", "4.1", "--user 10001",
                    "Checks the user.", "Root in a container is root on the host."),
            };
            var rule = Run(All(), new ReportOptions { Catalog = catalog }).GetProperty("tool").GetProperty("driver").GetProperty("rules")
                .EnumerateArray().Single(r => r.GetProperty("id").GetString() == "DH101");
            Assert.Equal("Checks the user. Root in a container is root on the host. Fix: --user 10001",
                rule.GetProperty("fullDescription").GetProperty("text").GetString());
        }

        [Theory]
        [InlineData(Severity.Critical, "error", "9.5")]
        [InlineData(Severity.High, "error", "8.0")]
        [InlineData(Severity.Medium, "warning", "5.5")]
        [InlineData(Severity.Low, "note", "3.0")]
        [InlineData(Severity.Info, "note", "1.0")]
        public void SeverityMapsToLevelAndSecuritySeverity(Severity severity, string level, string score)
        {
            Assert.Equal(level, SarifReportWriter.Level(severity));
            Assert.Equal(score, SarifReportWriter.SecuritySeverity(severity));
        }

        [Fact]
        public void FailLevelFollowsSeverityAndWarnIsAWarning()
        {
            var run = Run(All());
            Assert.Equal("error", ResultFor(run, "DH101", "web").GetProperty("level").GetString());
            Assert.Equal("warning", ResultFor(run, "DH117", "web").GetProperty("level").GetString());
            Assert.Equal("warning", ResultFor(run, "DH014", Host).GetProperty("level").GetString());
        }

        [Fact]
        public void MessageNamesTargetAndEvidence()
        {
            var text = ResultFor(Run(All()), "DH101", "web").GetProperty("message").GetProperty("text").GetString();
            Assert.Equal("web: no user is set: the process runs as root", text);
        }

        [Fact]
        public void ComposeFindingPointsAtFileLineAndColumn()
        {
            var location = ResultFor(Run(All()), "DH101", $"db ({ComposePath})").GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("file:///repo/deploy/compose.yml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(14, location.GetProperty("region").GetProperty("startLine").GetInt32());
            Assert.Equal(5, location.GetProperty("region").GetProperty("startColumn").GetInt32());
        }

        [Fact]
        public void ComposeFindingFromAnOverrideFilePointsAtThatFile()
        {
            var target = new ExportTarget(TargetKind.Compose, "db", new[]
            {
                Finding("DH104", FindingStatus.Fail, Severity.Critical, target: "db", evidence: "privileged", line: 3, column: 5) with
                    { File = "/repo/deploy/compose.prod.yml" },
            }, Path: ComposePath, Line: 12);
            var run = Run(ExportTarget.Arrange(new[] { target }), new ReportOptions { BasePath = "/repo" });
            var location = Results(run).Single().GetProperty("locations")[0].GetProperty("physicalLocation");
            Assert.Equal("deploy/compose.prod.yml", location.GetProperty("artifactLocation").GetProperty("uri").GetString());
            Assert.Equal(3, location.GetProperty("region").GetProperty("startLine").GetInt32());
        }

        [Fact]
        public void ComposeFindingWithoutLineUsesTheServiceLineAndNoColumn()
        {
            var region = ResultFor(Run(All()), "DH116", $"db ({ComposePath})").GetProperty("locations")[0]
                .GetProperty("physicalLocation").GetProperty("region");
            Assert.Equal(12, region.GetProperty("startLine").GetInt32());
            Assert.False(region.TryGetProperty("startColumn", out _));
        }

        [Fact]
        public void BasePathMakesComposeUrisRelativeToSrcRoot()
        {
            var run = Run(All(), new ReportOptions { BasePath = "/repo" });
            Assert.Equal("file:///repo/", run.GetProperty("originalUriBaseIds").GetProperty("SRCROOT").GetProperty("uri").GetString());
            var artifact = ResultFor(run, "DH101", $"db ({ComposePath})").GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation");
            Assert.Equal("deploy/compose.yml", artifact.GetProperty("uri").GetString());
            Assert.Equal("SRCROOT", artifact.GetProperty("uriBaseId").GetString());
        }

        [Fact]
        public void PathOutsideBasePathStaysAbsolute()
        {
            Assert.Null(SarifReportWriter.RelativeUri("/repo/deploy/sub", ComposePath));
            Assert.Equal("deploy/my%20compose.yml", SarifReportWriter.RelativeUri("/repo", "/repo/deploy/my compose.yml"));
        }

        [Fact]
        public void ContainerFindingHasALogicalLocationAndEngineProperties()
        {
            var result = ResultFor(Run(All()), "DH101", "web");
            var location = result.GetProperty("locations")[0];
            var logical = location.GetProperty("logicalLocations")[0];
            Assert.Equal("web", logical.GetProperty("name").GetString());
            Assert.Equal("object", logical.GetProperty("kind").GetString());
            Assert.Equal("docker/container/web", location.GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
            var properties = result.GetProperty("properties");
            Assert.Equal(Host, properties.GetProperty("dockerHost").GetString());
            Assert.Equal("0123456789abcdef0123", properties.GetProperty("containerId").GetString());
            Assert.Equal("shop/web:1.2", properties.GetProperty("image").GetString());
        }

        [Fact]
        public void DaemonFindingIsAModule()
        {
            var logical = ResultFor(Run(All()), "DH014", Host).GetProperty("locations")[0].GetProperty("logicalLocations")[0];
            Assert.Equal("module", logical.GetProperty("kind").GetString());
            Assert.Equal(Host, logical.GetProperty("name").GetString());
        }

        [Fact]
        public void WaivedFindingIsSuppressedWithItsReason()
        {
            var run = Run(All());
            var suppression = ResultFor(run, "DH119", "web").GetProperty("suppressions").EnumerateArray().Single();
            Assert.Equal("external", suppression.GetProperty("kind").GetString());
            Assert.Equal("accepted", suppression.GetProperty("status").GetString());
            Assert.Equal(Waiver, suppression.GetProperty("justification").GetString());
            Assert.False(ResultFor(run, "DH101", "web").TryGetProperty("suppressions", out _));
        }

        [Fact]
        public void OutputDoesNotDependOnInputOrder()
        {
            var forward = Write(ReportFormat.Sarif, ExportTarget.Arrange(new[] { Container(), ComposeTarget(), DaemonTarget() }));
            var reversed = Write(ReportFormat.Sarif, ExportTarget.Arrange(new[] { DaemonTarget(), ComposeTarget(), Container() }));
            Assert.Equal(forward, reversed);
        }

        [Fact]
        public void SameNamedContainersOnTwoHostsAreLabelledApart()
        {
            var other = Container() with { DockerHost = "tcp://b:2376" };
            var labels = ExportTarget.Arrange(new[] { Container(), other }).Select(t => t.Label).ToArray();
            Assert.Equal(new[] { "web on tcp://b:2376", $"web on {Host}" }, labels);
        }

        [Fact]
        public void FingerprintsDifferPerTargetAndStayStable()
        {
            var a = ResultFor(Run(All()), "DH101", "web").GetProperty("partialFingerprints").GetProperty("dockerHardenTarget/v1").GetString();
            var b = ResultFor(Run(All()), "DH101", "web").GetProperty("partialFingerprints").GetProperty("dockerHardenTarget/v1").GetString();
            var c = ResultFor(Run(All()), "DH101", $"db ({ComposePath})").GetProperty("partialFingerprints").GetProperty("dockerHardenTarget/v1").GetString();
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }

        [Fact]
        public void EmptyExportIsAValidRunWithoutResults()
        {
            var run = Run(new List<ExportTarget>());
            Assert.Empty(Results(run));
            Assert.Empty(run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray());
        }
    }
}
