using System.Linq;
using System.Xml.Linq;
using DockerHarden.Models;
using DockerHarden.Reporting;
using Xunit;
using static DockerHarden.Tests.ReportingSamples;

namespace DockerHarden.Tests
{
    public class ReportingJUnitTests
    {
        private static XElement Root(params ExportTarget[] targets)
        {
            string xml = Write(ReportFormat.JUnit, ExportTarget.Arrange(targets));
            Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml);
            return XDocument.Parse(xml).Root!;
        }

        private static XElement Case(XElement root, string suite, string name) =>
            root.Elements("testsuite").Single(s => (string?)s.Attribute("name") == suite)
                .Elements("testcase").Single(c => (string?)c.Attribute("name") == name);

        [Fact]
        public void OneSuitePerTargetWithCounts()
        {
            var root = Root(Container(), ComposeTarget(), DaemonTarget());
            Assert.Equal("testsuites", root.Name.LocalName);
            Assert.Equal(3, root.Elements("testsuite").Count());
            var web = root.Elements("testsuite").Single(s => (string?)s.Attribute("name") == "web");
            Assert.Equal("5", (string?)web.Attribute("tests"));
            Assert.Equal("1", (string?)web.Attribute("failures"));
            Assert.Equal("2", (string?)web.Attribute("skipped"));
            Assert.Equal("0", (string?)web.Attribute("errors"));
            // Totals: web 5 cases, db 2 (DH101, DH116), daemon 1.
            Assert.Equal("8", (string?)root.Attribute("tests"));
            Assert.Equal("4", (string?)root.Attribute("failures"));
            Assert.Equal("2", (string?)root.Attribute("skipped"));
        }

        [Fact]
        public void FailIsAFailureWithEvidenceSeverityAndFix()
        {
            var test = Case(Root(Container()), "web", "DH101 NameDH101");
            Assert.Equal("web", (string?)test.Attribute("classname"));
            var failure = test.Element("failure")!;
            Assert.Equal("no user is set: the process runs as root", (string?)failure.Attribute("message"));
            Assert.Equal("High", (string?)failure.Attribute("type"));
            Assert.Equal("fix for DH101", failure.Value);
        }

        [Fact]
        public void WarnPassesWithANoteInSystemOut()
        {
            var test = Case(Root(Container()), "web", "DH117 NameDH117");
            Assert.Null(test.Element("failure"));
            Assert.Null(test.Element("skipped"));
            Assert.Contains("swap allowed", test.Element("system-out")!.Value);
        }

        [Fact]
        public void NotApplicableAndWaivedAreSkippedWithTheReason()
        {
            var root = Root(Container());
            Assert.Contains("overlay2", (string?)Case(root, "web", "DH120 NameDH120").Element("skipped")!.Attribute("message"));
            Assert.Contains(Waiver, (string?)Case(root, "web", "DH119 NameDH119").Element("skipped")!.Attribute("message"));
            Assert.Empty(Case(root, "web", "DH102 NameDH102").Elements());
        }

        [Fact]
        public void OneCasePerTargetAndRuleEvenWhenTheRuleFiresOnSeveralLines()
        {
            var suite = Root(ComposeTarget()).Elements("testsuite").Single();
            Assert.Equal(2, suite.Elements("testcase").Count());
            // DH116 failed on one line and passed on another: the case fails.
            var failure = suite.Elements("testcase").Single(c => (string?)c.Attribute("name") == "DH116 NameDH116").Element("failure");
            Assert.NotNull(failure);
            Assert.Equal($"db ({ComposePath})", (string?)suite.Attribute("name"));
        }

        [Fact]
        public void SuiteCarriesTheTargetFactsAsProperties()
        {
            var properties = Root(Container()).Element("testsuite")!.Element("properties")!.Elements("property")
                .ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
            Assert.Equal(Host, properties["dockerHost"]);
            Assert.Equal("shop/web:1.2", properties["image"]);
        }

        [Fact]
        public void ControlCharactersInEvidenceDoNotBreakTheXml()
        {
            var target = new ExportTarget(TargetKind.Finding, "x", new[] { Finding("DH101", FindingStatus.Fail, target: "x", evidence: "bad\u0001byte <&> \"q\"") });
            var failure = Root(target).Element("testsuite")!.Element("testcase")!.Element("failure")!;
            Assert.Equal("badbyte <&> \"q\"", (string?)failure.Attribute("message"));
        }
    }
}
