using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Compose
{
    /// <summary>The outcome of planning a repair: the new text, what changed and why some fixes were not made.</summary>
    internal sealed class RepairPlan
    {
        public RepairPlan(string newText, IReadOnlyList<ComposeChange> changes, IReadOnlyList<ComposeSkip> skipped, string diff)
        {
            NewText = newText;
            Changes = changes;
            Skipped = skipped;
            Diff = diff;
        }

        public string NewText { get; }
        public IReadOnlyList<ComposeChange> Changes { get; }
        public IReadOnlyList<ComposeSkip> Skipped { get; }
        public string Diff { get; }
    }

    /// <summary>A plan that does not parse or does not fix what it claims: the file must stay untouched.</summary>
    internal sealed class ComposeRepairException : Exception
    {
        public ComposeRepairException(string message, Exception? inner = null)
            : base(message, inner)
        {
        }
    }

    /// <summary>
    /// Plans a repair of one compose file: audit, plan surgical edits service by service, then re-parse and re-audit
    /// the edited text and refuse the plan unless every claimed rule passes. Services that reuse another service's
    /// text (extends, an alias into its mapping) are planned in a later pass, after the service they reuse, so they
    /// inherit its fix instead of duplicating it. Edits are kept in the original's coordinates. Pure.
    /// </summary>
    internal static class ComposeRepairer
    {
        public static RepairPlan Plan(string original, string path, Func<string, string, ComposeDocument> parse, RepairOptions options)
        {
            var ruleIds = new HashSet<string>(options.Fix.Concat(options.NeedDecision), StringComparer.Ordinal);
            var rules = RuleCatalog.ContainerRules.Where(r => ruleIds.Contains(r.Info.Id)).ToList();
            var log = new EditLog();
            var changes = new List<PlannedChange>();
            var skips = new List<PlannedSkip>();
            var claims = new List<(string Service, string Rule)>();
            var planned = new HashSet<string>(StringComparer.Ordinal);
            var current = original;
            var doc = parse(original, path);

            for (int pass = 0; ; pass++)
            {
                var project = ComposeResolver.Resolve(new[] { doc });
                var pending = project.Services.Where(s => !planned.Contains(s.Name)).ToList();
                if (pending.Count == 0)
                {
                    break;
                }

                var ready = pending.Where(s => s.DependsOn.All(d => d == s.Name || planned.Contains(d) || !pending.Any(p => p.Name == d))).ToList();
                if (ready.Count == 0)
                {
                    ready = pending; // a cycle of aliases: plan the rest together
                }

                var readyNames = new HashSet<string>(ready.Select(s => s.Name), StringComparer.Ordinal);
                var audits = ComposeAuditor.Audit(project, rules).Where(a => readyNames.Contains(a.Name)).ToList();
                var style = FileStyle.Detect(current, project.Services);
                var edits = new List<TextEdit>();
                foreach (var audit in audits)
                {
                    var editor = new ServiceEditor(current, audit.Facts.Service, style);
                    var claimed = RepairPlanner.Plan(audit, editor, options);
                    edits.AddRange(editor.Render());
                    changes.AddRange(editor.Changes.Select(c => c with { Offset = log.ToOriginal(c.Offset) }));
                    skips.AddRange(editor.Skips.Select(s => s with { Offset = log.ToOriginal(s.Offset) }));
                    claims.AddRange(claimed.Select(r => (audit.Name, r)));
                }

                planned.UnionWith(readyNames);
                if (edits.Count == 0)
                {
                    continue;
                }

                try
                {
                    log.Add(edits);
                    current = EditLog.Apply(original, log.Edits);
                }
                catch (InvalidOperationException e)
                {
                    throw new ComposeRepairException($"the planned edits of {path} conflict: {e.Message}", e);
                }

                doc = Reparse(parse, current, path);
            }

            Verify(doc, rules, claims, path);
            var lines = new LineIndex(original);
            return new RepairPlan(
                current,
                changes.Select(c => new ComposeChange(c.Service, c.RuleId, lines.Line(c.Offset), c.Before, c.After)).ToList(),
                skips.Select(s => new ComposeSkip(s.Service, s.RuleId, lines.Line(s.Offset), s.Reason)).ToList(),
                UnifiedDiff.FromEdits(original, log.Edits, path, path));
        }

        private static ComposeDocument Reparse(Func<string, string, ComposeDocument> parse, string text, string path)
        {
            try
            {
                return parse(text, path);
            }
            catch (ComposeParseException e)
            {
                throw new ComposeRepairException($"the repaired text of {path} does not parse ({e.Line}:{e.Column}: {e.Reason}); the file was not changed", e);
            }
        }

        private static void Verify(ComposeDocument doc, IReadOnlyList<ContainerRule> rules, List<(string Service, string Rule)> claims, string path)
        {
            if (claims.Count == 0)
            {
                return;
            }

            IReadOnlyList<ServiceAudit> audits;
            try
            {
                audits = ComposeAuditor.Audit(ComposeResolver.Resolve(new[] { doc }), rules);
            }
            catch (ComposeParseException e)
            {
                throw new ComposeRepairException($"the repaired text of {path} is not a valid compose file ({e.Line}:{e.Column}: {e.Reason}); the file was not changed", e);
            }

            var byName = audits.ToDictionary(a => a.Name, StringComparer.Ordinal);
            var failed = claims
                .Where(c => !byName.TryGetValue(c.Service, out var a) || a.Finding(c.Rule)?.Status is not (FindingStatus.Pass or FindingStatus.NotApplicable))
                .Select(c => $"{c.Service}/{c.Rule}: {(byName.TryGetValue(c.Service, out var a) ? a.Finding(c.Rule)?.Evidence : "service missing")}")
                .ToList();
            if (failed.Count > 0)
            {
                throw new ComposeRepairException($"the planned repair of {path} does not fix what it claims ({string.Join("; ", failed)}); the file was not changed");
            }
        }

        /// <summary>Offset to 1-based line, by binary search over the line starts.</summary>
        private sealed class LineIndex
        {
            private readonly List<int> _starts = new() { 0 };

            public LineIndex(string text)
            {
                for (int i = 0; i < text.Length; i++)
                {
                    if (text[i] == '\n')
                    {
                        _starts.Add(i + 1);
                    }
                }
            }

            public int Line(int offset)
            {
                int index = _starts.BinarySearch(offset);
                return (index >= 0 ? index : ~index - 1) + 1;
            }
        }
    }
}
