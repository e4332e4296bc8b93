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
            Assert.Equal(new[] { "ruleId", "name", "title", "severity", "status", "target", "evidence", "remediation", "seedSection", "cisId", "line", "column", "waiverReason" }, names);
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
