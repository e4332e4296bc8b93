using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using DockerHarden.Models;

namespace DockerHarden.Reporting
{
    /// <summary>
    /// JUnit XML in the shape Jenkins, GitLab and Azure DevOps read: one testsuite per target, one testcase per
    /// (target, rule). Fail is a failure; Warn passes with a note in system-out (a warning must not turn CI red);
    /// NotApplicable and Waived are skipped with the reason.
    /// </summary>
    internal static class JUnitReportWriter
    {
        public static void Write(TextWriter output, IReadOnlyList<ExportTarget> targets, ReportOptions options)
        {
            var suites = targets.Select(t => (Target: t, Cases: CasesOf(t))).ToList();
            // The declaration names the encoding of the file the cmdlet writes, whatever TextWriter this is.
            output.WriteLine("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
            var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = true, NewLineChars = "\n" };
            using (var xml = XmlWriter.Create(output, settings))
            {
                xml.WriteStartElement("testsuites");
                xml.WriteAttributeString("name", options.ToolName);
                xml.WriteAttributeString("tests", XmlConvert.ToString(suites.Sum(s => s.Cases.Count)));
                xml.WriteAttributeString("failures", XmlConvert.ToString(suites.Sum(s => s.Cases.Count(c => c.Outcome == FindingStatus.Fail))));
                xml.WriteAttributeString("errors", "0");
                xml.WriteAttributeString("skipped", XmlConvert.ToString(suites.Sum(s => s.Cases.Count(c => IsSkipped(c.Outcome)))));
                xml.WriteAttributeString("time", "0");
                foreach (var (target, cases) in suites)
                {
                    WriteSuite(xml, target, cases);
                }

                xml.WriteEndElement();
            }

            output.WriteLine();
        }

        /// <summary>A rule's findings for one target (a compose rule may fire on several lines) and their combined outcome.</summary>
        private sealed record TestCase(string RuleId, string Name, FindingStatus Outcome, IReadOnlyList<ExportFinding> Findings);

        private static List<TestCase> CasesOf(ExportTarget target) =>
            target.Findings.GroupBy(f => f.RuleId)
                .Select(g => new TestCase(g.Key, g.First().Name, Outcome(g.ToList()), g.ToList()))
                .ToList();

        // Worst first: one failing line fails the case; a case is skipped only when every finding is.
        private static FindingStatus Outcome(IReadOnlyList<ExportFinding> findings) =>
            findings.Any(f => f.Status == FindingStatus.Fail) ? FindingStatus.Fail
            : findings.Any(f => f.Status == FindingStatus.Warn) ? FindingStatus.Warn
            : findings.Any(f => f.Status == FindingStatus.Pass) ? FindingStatus.Pass
            : findings.Any(f => f.Status == FindingStatus.Waived) ? FindingStatus.Waived
            : FindingStatus.NotApplicable;

        private static bool IsSkipped(FindingStatus outcome) => outcome is FindingStatus.NotApplicable or FindingStatus.Waived;

        private static void WriteSuite(XmlWriter xml, ExportTarget target, IReadOnlyList<TestCase> cases)
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", Clean(target.Label));
            xml.WriteAttributeString("tests", XmlConvert.ToString(cases.Count));
            xml.WriteAttributeString("failures", XmlConvert.ToString(cases.Count(c => c.Outcome == FindingStatus.Fail)));
            xml.WriteAttributeString("errors", "0");
            xml.WriteAttributeString("skipped", XmlConvert.ToString(cases.Count(c => IsSkipped(c.Outcome))));
            xml.WriteAttributeString("time", "0");

            var properties = new List<(string, string?)>
            {
                ("kind", target.Kind.ToString()),
                ("dockerHost", target.DockerHost),
                ("containerId", target.ContainerId),
                ("image", target.Image),
                ("path", target.Path),
                ("serverVersion", target.ServerVersion),
                ("configPath", target.ConfigPath),
            };
            xml.WriteStartElement("properties");
            foreach (var (name, value) in properties.Where(p => !string.IsNullOrEmpty(p.Item2)))
            {
                xml.WriteStartElement("property");
                xml.WriteAttributeString("name", name);
                xml.WriteAttributeString("value", Clean(value!));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();

            foreach (var test in cases)
            {
                WriteCase(xml, target, test);
            }

            xml.WriteEndElement();
        }

        private static void WriteCase(XmlWriter xml, ExportTarget target, TestCase test)
        {
            xml.WriteStartElement("testcase");
            xml.WriteAttributeString("classname", Clean(target.Label));
            xml.WriteAttributeString("name", Clean($"{test.RuleId} {test.Name}"));
            xml.WriteAttributeString("time", "0");
            var relevant = test.Findings.Where(f => f.Status == test.Outcome).ToList();
            switch (test.Outcome)
            {
                case FindingStatus.Fail:
                    xml.WriteStartElement("failure");
                    xml.WriteAttributeString("message", Clean(Join(relevant.Select(Evidence))));
                    xml.WriteAttributeString("type", relevant.Max(f => f.Severity).ToString());
                    xml.WriteString(Clean(Join(relevant.Select(f => f.Remediation).Distinct())));
                    xml.WriteEndElement();
                    break;
                case FindingStatus.Warn:
                    xml.WriteElementString("system-out", Clean(Join(relevant.Select(f =>
                        $"Warn ({f.Severity}): {Evidence(f)}; fix: {f.Remediation}"))));
                    break;
                case FindingStatus.Waived:
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", Clean(Join(relevant.Select(f => $"Waived: {f.WaiverReason ?? "by policy"}"))));
                    xml.WriteEndElement();
                    break;
                case FindingStatus.NotApplicable:
                    xml.WriteStartElement("skipped");
                    xml.WriteAttributeString("message", Clean(Join(relevant.Select(f => $"Not applicable: {f.Evidence}"))));
                    xml.WriteEndElement();
                    break;
            }

            xml.WriteEndElement();
        }

        private static string Evidence(ExportFinding f) => f.Line is null ? f.Evidence : $"line {f.Line}: {f.Evidence}";

        private static string Join(IEnumerable<string> lines) => string.Join("\n", lines);

        /// <summary>Drops characters XML 1.0 cannot carry (control characters in evidence would make the file unreadable).</summary>
        private static string Clean(string text)
        {
            if (text.All(XmlConvert.IsXmlChar))
            {
                return text;
            }

            var builder = new StringBuilder(text.Length);
            for (int i = 0; i < text.Length; i++)
            {
                if (XmlConvert.IsXmlChar(text[i]))
                {
                    builder.Append(text[i]);
                }
                else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                {
                    builder.Append(text, i, 2);
                    i++;
                }
            }

            return builder.ToString();
        }
    }
}
