using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Views.Compose
{
    /// <summary>The outcome of planning a repair: the new text, what changed and why some fixes were not made.</summary>
    internal sealed class RepairPlan
    {
        private readonly string _original;
        private readonly IReadOnlyList<TextEdit> _edits;

        public RepairPlan(string original, IReadOnlyList<TextEdit> edits, IReadOnlyList<ComposeChange> changes, IReadOnlyList<ComposeSkip> skipped, string path)
        {
            _original = original;
            _edits = edits;
            NewText = EditLog.Apply(original, edits);
            Changes = changes;
            Skipped = skipped;
            Diff = UnifiedDiff.FromEdits(original, edits, path, path);
        }

        public string NewText { get; }
        public IReadOnlyList<ComposeChange> Changes { get; }
        public IReadOnlyList<ComposeSkip> Skipped { get; }
        /// <summary>The diff to show: secret values masked.</summary>
        public string Diff { get; }

        /// <summary>
        /// The same diff with nothing masked, naming the file <paramref name="label"/>: it applies with patch and git apply
        /// to a file that holds secrets. For -PatchPath, which writes it to a file; it never goes to an output stream.
        /// </summary>
        public string Patch(string label) => UnifiedDiff.FromEdits(_original, _edits, label, label, mask: false);
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
        /// <summary>Plans the repair of one file; <paramref name="serviceOptions"/> (for -Verify's re-plans) gives a service
        /// other options than <paramref name="options"/> (fewer rules, another memory limit).</summary>
        public static RepairPlan Plan(string original, string path, Func<string, string, ComposeDocument> parse, RepairOptions options,
            CancellationToken cancel = default, Func<string, RepairOptions>? serviceOptions = null)
        {
            var ruleIds = new HashSet<string>(options.Rules, StringComparer.Ordinal);
            var rules = RuleCatalog.ContainerRules.Where(r => ruleIds.Contains(r.Info.Id)).ToList();
            var log = new EditLog();
            var changes = new List<PlannedChange>();
            var skips = new List<PlannedSkip>();
            var claims = new List<(string Service, string Rule)>();
            var planned = new HashSet<string>(StringComparer.Ordinal);
            var current = original;
            var doc = parse(original, path);

            // A pass plans, in dependency order, every service whose bases are planned and whose text is still as
            // parsed: a base planned in this pass without edits does not hold its dependants back. Only a base that
            // was edited ends the pass for its dependants (they must see its fix), so an extends chain whose base
            // alone needs fixing takes two passes, not one per link.
            ComposeProject? project = null;
            while (true)
            {
                cancel.ThrowIfCancellationRequested();
                project ??= ComposeResolver.Resolve(new[] { doc }, cancel);
                var order = DependencyOrder(project.Services, planned);
                if (order.Count == 0)
                {
                    break;
                }

                var names = new HashSet<string>(project.Services.Select(s => s.Name), StringComparer.Ordinal);
                var edited = new HashSet<string>(StringComparer.Ordinal);
                bool Ready(ResolvedService s) => s.DependsOn.All(d => d == s.Name || !names.Contains(d) || (planned.Contains(d) && !edited.Contains(d)));
                // A cycle of aliases: nothing is ready on its own, so the rest is planned together.
                bool together = !order.Any(Ready);
                var audit = ComposeAuditor.Auditor(project, rules, cancel);
                var style = FileStyle.Detect(current, project.Services);
                var edits = new List<TextEdit>();
                foreach (var service in order)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (!together && !Ready(service))
                    {
                        continue;
                    }

                    var serviceAudit = audit(service);
                    var editor = new ServiceEditor(current, serviceAudit.Facts.Service, style);
                    var claimed = RepairPlanner.Plan(serviceAudit, editor, serviceOptions?.Invoke(serviceAudit.Name) ?? options);
                    var rendered = editor.Render();
                    edits.AddRange(rendered);
                    changes.AddRange(editor.Changes.Select(c => c with { Offset = log.ToOriginal(c.Offset) }));
                    skips.AddRange(editor.Skips.Select(s => s with { Offset = log.ToOriginal(s.Offset) }));
                    claims.AddRange(claimed.Select(r => (serviceAudit.Name, r)));
                    planned.Add(service.Name);
                    if (rendered.Count > 0)
                    {
                        edited.Add(service.Name);
                    }
                }

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

                cancel.ThrowIfCancellationRequested();
                doc = Reparse(parse, current, path);
                project = null;
            }

            cancel.ThrowIfCancellationRequested();
            Verify(doc, rules, claims, path, cancel);
            var lines = new LineIndex(original);
            return new RepairPlan(
                original,
                log.Edits,
                changes.Select(c => new ComposeChange(c.Service, c.RuleId, lines.Line(c.Offset), c.Before, c.After.Length == 0 ? "(removed)" : c.After)).ToList(),
                skips.Select(s => new ComposeSkip(s.Service, s.RuleId, lines.Line(s.Offset), s.Reason)).ToList(),
                path);
        }

        /// <summary>
        /// The services not yet planned, bases before the services that reuse them (file order otherwise); an
        /// iterative depth-first walk, so a chain of thousands of extends costs no deep recursion. Cycles are cut.
        /// </summary>
        private static List<ResolvedService> DependencyOrder(IReadOnlyList<ResolvedService> services, HashSet<string> planned)
        {
            var byName = new Dictionary<string, ResolvedService>(StringComparer.Ordinal);
            foreach (var s in services)
            {
                byName.TryAdd(s.Name, s);
            }

            var order = new List<ResolvedService>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var stack = new Stack<(ResolvedService Service, IEnumerator<string> Deps)>();
            foreach (var root in services)
            {
                if (planned.Contains(root.Name) || !seen.Add(root.Name))
                {
                    continue;
                }

                stack.Push((root, root.DependsOn.GetEnumerator()));
                while (stack.Count > 0)
                {
                    var (service, deps) = stack.Peek();
                    if (deps.MoveNext())
                    {
                        if (byName.TryGetValue(deps.Current, out var dep) && !planned.Contains(dep.Name) && seen.Add(dep.Name))
                        {
                            stack.Push((dep, dep.DependsOn.GetEnumerator()));
                        }

                        continue;
                    }

                    stack.Pop();
                    order.Add(service);
                }
            }

            return order;
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

        private static void Verify(ComposeDocument doc, IReadOnlyList<ContainerRule> rules, List<(string Service, string Rule)> claims, string path,
            CancellationToken cancel)
        {
            if (claims.Count == 0)
            {
                return;
            }

            IReadOnlyList<ServiceAudit> audits;
            try
            {
                audits = ComposeAuditor.Audit(ComposeResolver.Resolve(new[] { doc }, cancel), rules, cancel);
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
