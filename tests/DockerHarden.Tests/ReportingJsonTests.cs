using System.Linq;
using System.Text.Json;
using DockerHarden.Models;
using DockerHarden.Reporting;
using Xunit;
using static DockerHarden.Tests.ReportingSamples;

namespace DockerHarden.Tests
{
    public class ReportingJsonTests
    {
        private static JsonElement[] Targets()
        {
            using var doc = JsonDocument.Parse(Write(ReportFormat.Json, All()));
            return doc.RootElement.Clone().EnumerateArray().ToArray();
        }

        [Fact]
        public void ArrayOfTargetsInStableOrder()
        {
            var kinds = Targets().Select(t => t.GetProperty("kind").GetString()).ToArray();
            Assert.Equal(new[] { "Daemon", "Container", "Compose" }, kinds);
        }

        [Fact]
        public void EveryPropertyIsPresentAndEnumsAreStrings()
        {
            var web = Targets().Single(t => t.GetProperty("name").GetString() == "web");
            Assert.Equal(JsonValueKind.Null, web.GetProperty("path").ValueKind);
            Assert.Equal(JsonValueKind.Null, web.GetProperty("line").ValueKind);
            Assert.Equal("0123456789abcdef0123", web.GetProperty("containerId").GetString());
            var finding = web.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("ruleId").GetString() == "DH119");
            Assert.Equal("Waived", finding.GetProperty("status").GetString());
            Assert.Equal("Medium", finding.GetProperty("severity").GetString());
            Assert.Equal(Waiver, finding.GetProperty("waiverReason").GetString());
            Assert.Equal(JsonValueKind.Null, finding.GetProperty("column").ValueKind);
            var names = finding.EnumerateObject().Select(p => p.Name).ToArray();
            Assert.Equal(new[] { "ruleId", "name", "title", "severity", "severityRank", "status", "target", "evidence", "remediation", "seedSection", "cisId", "line", "column", "waiverReason" }, names);
        }

        [Fact]
        public void EachTargetCarriesScoreComplianceWorstSeverityAndState()
        {
            var targets = ExportTarget.Arrange(new[]
            {
                Container() with { State = "running", ReportedCompliant = false },
                DaemonTarget(),
            });
            using var doc = JsonDocument.Parse(Write(ReportFormat.Json, targets));
            var web = doc.RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "web");
            // 1 pass, 1 fail, 1 warn: 1 / (1 + 1 + 0.5) = 40.0, as the reports compute it.
            Assert.Equal(40.0, web.GetProperty("score").GetDouble());
            Assert.False(web.GetProperty("compliant").GetBoolean());
            Assert.Equal("High", web.GetProperty("worstSeverity").GetString());
            Assert.Equal(3, web.GetProperty("worstSeverityRank").GetInt32());
            Assert.Equal("running", web.GetProperty("state").GetString());
            Assert.Equal(3, web.GetProperty("findings")[0].GetProperty("severityRank").GetInt32());

            // A daemon has no state; its single Medium fail is compliant at the default High.
            var daemon = doc.RootElement.EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "Daemon");
            Assert.Equal(JsonValueKind.Null, daemon.GetProperty("state").ValueKind);
            Assert.True(daemon.GetProperty("compliant").GetBoolean());
            Assert.Equal(0.0, daemon.GetProperty("score").GetDouble());
            Assert.Equal("Medium", daemon.GetProperty("worstSeverity").GetString());
        }

        [Fact]
        public void SummaryCountsEachStatus()
        {
            var summary = Targets().Single(t => t.GetProperty("name").GetString() == "web").GetProperty("summary");
            Assert.Equal(1, summary.GetProperty("pass").GetInt32());
            Assert.Equal(1, summary.GetProperty("fail").GetInt32());
            Assert.Equal(1, summary.GetProperty("warn").GetInt32());
            Assert.Equal(1, summary.GetProperty("notApplicable").GetInt32());
            Assert.Equal(1, summary.GetProperty("waived").GetInt32());
        }

        [Fact]
        public void ComposeLinesAreNumbers()
        {
            var db = Targets().Single(t => t.GetProperty("kind").GetString() == "Compose");
            Assert.Equal(12, db.GetProperty("line").GetInt32());
            Assert.Equal(ComposePath, db.GetProperty("path").GetString());
            Assert.Equal(14, db.GetProperty("findings")[0].GetProperty("line").GetInt32());
        }
    }
}
