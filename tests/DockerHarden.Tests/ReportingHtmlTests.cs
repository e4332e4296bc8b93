using System.Linq;
using System.Text.RegularExpressions;
using DockerHarden.Models;
using DockerHarden.Reporting;
using Xunit;
using static DockerHarden.Tests.ReportingSamples;

namespace DockerHarden.Tests
{
    public class ReportingHtmlTests
    {
        private static string Html(params ExportTarget[] targets) => Write(ReportFormat.Html, ExportTarget.Arrange(targets));

        [Fact]
        public void OneSortableTablePerTargetAndTwoCharts()
        {
            string html = Html(Container(), ComposeTarget(), DaemonTarget());
            Assert.Equal(3, Regex.Matches(html, "<table class=\"findings sortable\">").Count);
            Assert.Equal(2, Regex.Matches(html, "<svg ").Count);
            Assert.Contains("id=\"chart-severity\"", html);
            Assert.Contains("id=\"chart-rule\"", html);
            Assert.Contains("addEventListener('click'", html);
        }

        [Fact]
        public void LoadsNothingFromTheNetwork()
        {
            string html = Html(Container(), ComposeTarget(), DaemonTarget());
            Assert.DoesNotMatch("<script[^>]+src=", html);
            Assert.DoesNotMatch("<link[^>]+href=", html);
            Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
            Assert.Contains("Content-Security-Policy", html);
            Assert.Contains("default-src 'none'", html);
        }

        [Fact]
        public void EveryValueIsHtmlEncoded()
        {
            var target = new ExportTarget(TargetKind.Container, "x<i>", new[]
            {
                Finding("DH101", FindingStatus.Fail, target: "x<i>", evidence: "<b>bold</b> & \"quoted\" 'single'"),
                Finding("DH119", FindingStatus.Waived, target: "x<i>", waiver: "<script>alert(1)</script>"),
            }, DockerHost: "tcp://h&h:2376", Image: "img\"><svg onload=x>");
            string html = Html(target);
            Assert.DoesNotContain("<b>bold", html);
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("x<i>", html);
            Assert.DoesNotContain("img\">", html);
            Assert.Contains("&lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot; &#39;single&#39;", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            Assert.Contains("tcp://h&amp;h:2376", html);
        }

        [Fact]
        public void SeverityChartCountsOpenFindings()
        {
            // web: High Fail + Medium Warn; the waived Medium and the NotApplicable Low are not open.
            string html = Html(Container());
            Assert.Contains("<title>High: 1</title>", html);
            Assert.Contains("<title>Medium: 1</title>", html);
            Assert.Contains("<title>Low: 0</title>", html);
            Assert.Contains("<title>DH101 NameDH101: 1</title>", html);
        }

        [Fact]
        public void RowsCarrySortKeysForSeverityAndStatus()
        {
            string html = Html(Container());
            var row = Regex.Match(html, "<tr class=\"st-Fail\">.*?</tr>").Value;
            Assert.Contains($"data-sort=\"{(int)Severity.High}\"", row);
            Assert.Contains("data-sort=\"0\"", row);
        }

        [Fact]
        public void SummaryShowsScoreAndComplianceAndSorts()
        {
            string html = Html(Container() with { ReportedCompliant = false });
            var summary = Regex.Match(html, "<table class=\"overview sortable\">.*?</table>", RegexOptions.Singleline).Value;
            Assert.Contains("<th data-type=\"num\">Score</th><th data-type=\"num\">Compliant</th><th data-type=\"num\">Worst</th>", summary);
            Assert.Contains("<td data-sort=\"40.0\">40.0</td><td data-sort=\"0\">No</td>", summary);
        }

        [Fact]
        public void SeverityIsColouredOnlyWhereTheRuleFailedOrWarned()
        {
            string html = Html(Container());
            var pass = Regex.Match(html, "<tr class=\"st-Pass\">.*?</tr>").Value;
            var fail = Regex.Match(html, "<tr class=\"st-Fail\">.*?</tr>").Value;
            Assert.DoesNotContain("sev-", pass);
            Assert.Contains("class=\"sev-high-text\"", fail);
        }
    }
}
