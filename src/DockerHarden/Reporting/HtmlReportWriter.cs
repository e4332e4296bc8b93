using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DockerHarden.Models;
using static System.Net.WebUtility;

namespace DockerHarden.Reporting
{
    /// <summary>
    /// One self-contained HTML page: inline CSS, inline SVG charts drawn here, and a small inline script that sorts a
    /// table when its header is clicked. Nothing is fetched (a Content-Security-Policy forbids it), so the page works
    /// offline and as a CI artifact. Every value is HTML-encoded.
    /// </summary>
    internal static class HtmlReportWriter
    {
        private static readonly FindingStatus[] StatusOrder =
            { FindingStatus.Fail, FindingStatus.Warn, FindingStatus.Waived, FindingStatus.Pass, FindingStatus.NotApplicable };

        private static readonly Severity[] SeverityOrder =
            { Severity.Critical, Severity.High, Severity.Medium, Severity.Low, Severity.Info };

        public static void Write(TextWriter output, IReadOnlyList<ExportTarget> targets, ReportOptions options)
        {
            var all = targets.SelectMany(t => t.Findings).ToList();
            var open = all.Where(f => f.Status is FindingStatus.Fail or FindingStatus.Warn).ToList();

            output.WriteLine("<!DOCTYPE html>");
            output.WriteLine("<html lang=\"en\">");
            output.WriteLine("<head>");
            output.WriteLine("<meta charset=\"utf-8\">");
            // The page must never reach the network: only its own inline style and script may run.
            output.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
            output.WriteLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            output.WriteLine($"<title>{HtmlEncode(options.ToolName)} hardening report</title>");
            output.WriteLine("<style>");
            output.WriteLine(Css);
            output.WriteLine("</style>");
            output.WriteLine("</head>");
            output.WriteLine("<body>");
            output.WriteLine($"<h1>{HtmlEncode(options.ToolName)} hardening report</h1>");
            string generated = options.GeneratedAt is { } at ? $" on {at.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)}" : string.Empty;
            output.WriteLine($"<p class=\"meta\">Made by {HtmlEncode(options.ToolName)} {HtmlEncode(options.ToolVersion)}{HtmlEncode(generated)}.</p>");

            WriteSummary(output, targets, all);

            output.WriteLine("<div class=\"charts\">");
            WriteBarChart(output, "chart-severity", "Open findings (Fail and Warn) by severity",
                SeverityOrder.Select(s => (s.ToString(), open.Count(f => f.Severity == s), SeverityClass(s))).ToList());
            WriteBarChart(output, "chart-rule", "Open findings (Fail and Warn) by rule",
                open.GroupBy(f => f.RuleId)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => ($"{g.Key} {g.First().Name}", g.Count(), SeverityClass(g.Max(f => f.Severity))))
                    .ToList());
            output.WriteLine("</div>");

            int index = 0;
            foreach (var target in targets)
            {
                WriteTarget(output, target, index++);
            }

            output.WriteLine("<script>");
            output.WriteLine(Script);
            output.WriteLine("</script>");
            output.WriteLine("</body>");
            output.WriteLine("</html>");
        }

        private static void WriteSummary(TextWriter output, IReadOnlyList<ExportTarget> targets, IReadOnlyList<ExportFinding> all)
        {
            output.WriteLine("<section id=\"summary\">");
            output.WriteLine("<h2>Summary</h2>");
            output.WriteLine("<ul class=\"tiles\">");
            output.WriteLine($"<li><span class=\"n\">{targets.Count}</span> targets</li>");
            foreach (var status in StatusOrder)
            {
                output.WriteLine($"<li class=\"st-{status}\"><span class=\"n\">{all.Count(f => f.Status == status)}</span> {HtmlEncode(StatusText(status))}</li>");
            }

            output.WriteLine("</ul>");
            // Sortable like the per-target tables: data-sort ranks Worst (Critical first) and Compliant (non-compliant first).
            output.WriteLine("<table class=\"overview sortable\"><thead><tr><th data-type=\"text\">Target</th><th data-type=\"text\">Kind</th>" +
                "<th data-type=\"num\">Score</th><th data-type=\"num\">Compliant</th><th data-type=\"num\">Worst</th>" +
                "<th data-type=\"num\">Fail</th><th data-type=\"num\">Warn</th><th data-type=\"num\">Waived</th><th data-type=\"num\">Pass</th><th data-type=\"num\">Not applicable</th></tr></thead><tbody>");
            int index = 0;
            foreach (var t in targets)
            {
                string worst = t.WorstSeverity is { } w ? $"<td data-sort=\"{(int)w}\" class=\"{SeverityClass(w)}-text\">{w}</td>" : "<td data-sort=\"-1\"></td>";
                output.Write($"<tr class=\"{(t.Compliant ? "compliant" : "noncompliant")}\"><td><a href=\"#target-{index++}\">{HtmlEncode(t.Label)}</a></td><td>{t.Kind}</td>" +
                    $"<td data-sort=\"{t.Score.ToString("0.0", CultureInfo.InvariantCulture)}\">{t.Score.ToString("0.0", CultureInfo.InvariantCulture)}</td>" +
                    $"<td data-sort=\"{(t.Compliant ? 1 : 0)}\">{(t.Compliant ? "Yes" : "No")}</td>{worst}");
                output.WriteLine(string.Concat(new[] { FindingStatus.Fail, FindingStatus.Warn, FindingStatus.Waived, FindingStatus.Pass, FindingStatus.NotApplicable }
                    .Select(s => $"<td>{t.Count(s)}</td>")) + "</tr>");
            }

            output.WriteLine("</tbody></table>");
            output.WriteLine("</section>");
        }

        /// <summary>A horizontal bar chart as inline SVG; bars scale to the largest value.</summary>
        private static void WriteBarChart(TextWriter output, string id, string title, IReadOnlyList<(string Label, int Value, string Css)> bars)
        {
            const int labelWidth = 260, barArea = 320, rowHeight = 22, top = 8;
            int height = top * 2 + (Math.Max(bars.Count, 1) * rowHeight);
            int max = Math.Max(1, bars.Select(b => b.Value).DefaultIfEmpty(0).Max());
            output.WriteLine($"<figure id=\"{id}\"><figcaption>{HtmlEncode(title)}</figcaption>");
            output.WriteLine($"<svg role=\"img\" aria-label=\"{HtmlEncode(title)}\" width=\"{labelWidth + barArea + 50}\" height=\"{height}\" viewBox=\"0 0 {labelWidth + barArea + 50} {height}\">");
            if (bars.Count == 0)
            {
                output.WriteLine($"<text x=\"0\" y=\"{top + 15}\">None</text>");
            }

            int row = 0;
            foreach (var (label, value, css) in bars)
            {
                int y = top + (row++ * rowHeight);
                int width = value == 0 ? 0 : Math.Max(2, value * barArea / max);
                string text = HtmlEncode(label);
                output.WriteLine(
                    $"<g><title>{text}: {value}</title>" +
                    $"<text x=\"{labelWidth - 6}\" y=\"{y + 15}\" text-anchor=\"end\">{text}</text>" +
                    $"<rect class=\"{css}\" x=\"{labelWidth}\" y=\"{y + 3}\" width=\"{width}\" height=\"{rowHeight - 6}\"></rect>" +
                    $"<text x=\"{labelWidth + width + 6}\" y=\"{y + 15}\">{value}</text></g>");
            }

            output.WriteLine("</svg></figure>");
        }

        private static void WriteTarget(TextWriter output, ExportTarget target, int index)
        {
            output.WriteLine($"<section class=\"target\" id=\"target-{index}\">");
            output.WriteLine($"<h2>{HtmlEncode(target.Label)}</h2>");
            var facts = new List<(string, string?)>
            {
                ("Kind", target.Kind.ToString()),
                ("Score", target.Score.ToString("0.0", CultureInfo.InvariantCulture)),
                ("Compliant", target.Compliant ? "Yes" : "No"),
                ("State", target.State),
                ("Docker host", target.DockerHost),
                ("Container id", target.ContainerId),
                ("Image", target.Image),
                ("File", target.Path is null ? null : target.Line is null ? target.Path : $"{target.Path}:{target.Line}"),
                ("Server version", target.ServerVersion),
                ("Configuration", target.ConfigPath),
            };
            output.WriteLine("<dl class=\"facts\">" + string.Concat(facts.Where(f => !string.IsNullOrEmpty(f.Item2))
                .Select(f => $"<dt>{HtmlEncode(f.Item1)}</dt><dd>{HtmlEncode(f.Item2)}</dd>")) + "</dl>");

            output.WriteLine("<table class=\"findings sortable\">");
            output.WriteLine("<thead><tr><th data-type=\"text\">Rule</th><th data-type=\"text\">Name</th><th data-type=\"num\">Severity</th><th data-type=\"num\">Status</th><th data-type=\"num\">Line</th><th data-type=\"text\">Evidence</th><th data-type=\"text\">Remediation</th></tr></thead>");
            output.WriteLine("<tbody>");
            foreach (var f in target.Findings)
            {
                // data-sort carries a rank so that Critical sorts above High and Fail above Pass.
                string status = HtmlEncode(StatusText(f.Status)) +
                    (f.WaiverReason is null ? string.Empty : $"<div class=\"waiver\">{HtmlEncode(f.WaiverReason)}</div>");
                output.WriteLine(
                    $"<tr class=\"st-{f.Status}\">" +
                    $"<td title=\"{HtmlEncode(f.Title)}\">{HtmlEncode(f.RuleId)}</td>" +
                    $"<td>{HtmlEncode(f.Name)}</td>" +
                    // Severity is coloured only where the rule failed or warned: a passed High rule is not alarming.
                    $"<td data-sort=\"{(int)f.Severity}\"{(f.Status is FindingStatus.Fail or FindingStatus.Warn ? $" class=\"{SeverityClass(f.Severity)}-text\"" : string.Empty)}>{f.Severity}</td>" +
                    $"<td data-sort=\"{Array.IndexOf(StatusOrder, f.Status)}\">{status}</td>" +
                    $"<td data-sort=\"{f.Line ?? 0}\">{(f.Line is null ? string.Empty : f.Line.Value.ToString(CultureInfo.InvariantCulture))}</td>" +
                    $"<td>{HtmlEncode(f.Evidence)}</td>" +
                    $"<td><code>{HtmlEncode(f.Remediation)}</code></td></tr>");
            }

            output.WriteLine("</tbody></table>");
            output.WriteLine("</section>");
        }

        private static string StatusText(FindingStatus status) => status == FindingStatus.NotApplicable ? "Not applicable" : status.ToString();

        private static string SeverityClass(Severity severity) => "sev-" + severity.ToString().ToLowerInvariant();

        private const string Css = """
            body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem; color: #1d232a; }
            h1 { margin-bottom: .2rem; } .meta { color: #5b6570; margin-top: 0; }
            .tiles { display: flex; gap: .8rem; list-style: none; padding: 0; flex-wrap: wrap; }
            .tiles li { border: 1px solid #d0d7de; border-radius: 6px; padding: .5rem .9rem; }
            .tiles .n { font-size: 1.4rem; font-weight: 600; display: block; }
            .charts { display: flex; gap: 2rem; flex-wrap: wrap; }
            figure { margin: 1rem 0; } figcaption { font-weight: 600; margin-bottom: .4rem; }
            svg text { font-size: 12px; fill: #1d232a; }
            .sev-critical { fill: #8b0000; } .sev-high { fill: #d1242f; } .sev-medium { fill: #d4a72c; }
            .sev-low { fill: #4c8eda; } .sev-info { fill: #8c959f; }
            .sev-critical-text, .sev-high-text { color: #d1242f; font-weight: 600; } .sev-medium-text { color: #9a6700; }
            table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; font-size: .9rem; }
            th, td { border: 1px solid #d0d7de; padding: .3rem .5rem; text-align: left; vertical-align: top; }
            th { background: #f6f8fa; } table.sortable th { cursor: pointer; user-select: none; }
            th[aria-sort=ascending]::after { content: " \25B2"; } th[aria-sort=descending]::after { content: " \25BC"; }
            tr.st-Fail td:nth-child(4) { color: #d1242f; font-weight: 600; } tr.st-Warn td:nth-child(4) { color: #9a6700; }
            tr.st-Pass, tr.st-NotApplicable, tr.st-Waived { color: #5b6570; }
            tr.noncompliant td:nth-child(4) { color: #d1242f; font-weight: 600; } .waiver { font-size: .8rem; color: #5b6570; }
            dl.facts { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; }
            dl.facts dt { color: #5b6570; } dl.facts dd { margin: 0; font-family: ui-monospace, monospace; }
            code { white-space: pre-wrap; }
            """;

        // Sorts the body rows of a table by the clicked column: by data-sort when the cell has it, else by text.
        private const string Script = """
            document.querySelectorAll('table.sortable th').forEach(function (th, column) {
              th.addEventListener('click', function () {
                var table = th.closest('table'), body = table.tBodies[0];
                var index = Array.prototype.indexOf.call(th.parentNode.children, th);
                var ascending = th.getAttribute('aria-sort') !== 'ascending';
                table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
                th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                var numeric = th.getAttribute('data-type') === 'num';
                var key = function (row) {
                  var cell = row.children[index];
                  var value = cell.hasAttribute('data-sort') ? cell.getAttribute('data-sort') : cell.textContent.trim();
                  return numeric ? parseFloat(value) || 0 : value.toLowerCase();
                };
                Array.prototype.slice.call(body.rows)
                  .sort(function (a, b) { var x = key(a), y = key(b); return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1); })
                  .forEach(function (row) { body.appendChild(row); });
              });
            });
            """;
    }
}
