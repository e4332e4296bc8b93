using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DockerHarden.Views.Compose
{
    /// <summary>One planned change, in the coordinates of the text it was planned on.</summary>
    internal sealed record PlannedChange(string Service, string RuleId, int Offset, string Before, string After);

    /// <summary>A fix that was not made, and why.</summary>
    internal sealed record PlannedSkip(string Service, string RuleId, int Offset, string Reason);

    /// <summary>How the file writes things: line break, and how far a block sequence's dash sits inside its key.</summary>
    internal sealed record FileStyle(string Newline, int SequenceIndent)
    {
        public static FileStyle Detect(string text, IEnumerable<ResolvedService> services)
        {
            int? seq = null;
            foreach (var s in services)
            {
                foreach (var entry in s.Value.Entries)
                {
                    var v = entry.Value;
                    if (v.Local && v.Kind == YamlNodeKind.Sequence && !v.Node.Flow && v.Node.Items.Count > 0 && v.Key is not null)
                    {
                        var first = v.Node.Items[0];
                        int dash = text.LastIndexOf('-', Math.Max(0, first.Start - 1));
                        int dashColumn = dash - YamlText.LineStart(text, dash);
                        seq = Math.Max(0, dashColumn - (v.Key.Column - 1));
                        break;
                    }
                }

                if (seq is not null)
                {
                    break;
                }
            }

            return new FileStyle(YamlText.Newline(text), seq ?? 2);
        }
    }

    /// <summary>
    /// Turns fix intents for one service into surgical text edits: only the lines of the keys that change are
    /// touched. Values written in the service's own text are edited in place; values that arrive through an anchor
    /// are overridden inside the service (the anchor is never edited); absent keys are added after the service's
    /// last line at its own indentation, or inside the braces of a flow mapping.
    /// </summary>
    internal sealed class ServiceEditor
    {
        private readonly string _text;
        private readonly ResolvedService _service;
        private readonly FileStyle _style;
        private readonly List<TextEdit> _edits = new();
        private readonly Dictionary<YamlNode, List<(string Key, string? Scalar, List<Item>? Items)>> _inserts = new(ReferenceEqualityComparer.Instance);
        private readonly Dictionary<string, SequenceIntent> _sequences = new(StringComparer.Ordinal);

        public ServiceEditor(string text, ResolvedService service, FileStyle style)
        {
            _text = text;
            _service = service;
            _style = style;
        }

        public List<PlannedChange> Changes { get; } = new();
        public List<PlannedSkip> Skips { get; } = new();

        private ResolvedNode Map => _service.Value;
        private YamlNode Own => _service.ValueNode;
        private int ServiceOffset => _service.KeyNode.Start;

        /// <summary>An item of a sequence: either text copied from the file, or a value to write.</summary>
        internal sealed record Item(string? Source, string Value)
        {
            public string Render(bool flow) => Source ?? YamlText.Format(Value, YamlScalarStyle.Plain, flow);
        }

        public void Skip(string ruleId, string reason, int? offset = null) =>
            Skips.Add(new PlannedSkip(_service.Name, ruleId, offset ?? ServiceOffset, reason));

        // The keys docker-compose 1.x accepts in a version-1 service (config_schema_v1.json).
        private static readonly HashSet<string> Version1Keys = new(StringComparer.Ordinal)
        {
            "build", "cap_add", "cap_drop", "cgroup_parent", "command", "container_name", "cpu_quota", "cpu_shares", "cpuset",
            "devices", "dns", "dns_search", "dockerfile", "domainname", "entrypoint", "env_file", "environment", "expose",
            "extends", "external_links", "extra_hosts", "hostname", "image", "ipc", "labels", "links", "log_driver", "log_opt",
            "mac_address", "mem_limit", "mem_swappiness", "memswap_limit", "net", "pid", "ports", "privileged", "read_only",
            "restart", "security_opt", "shm_size", "stdin_open", "stop_signal", "tty", "ulimits", "user", "volume_driver",
            "volumes", "volumes_from", "working_dir",
        };

        /// <summary>
        /// True when <paramref name="key"/> may be added to this service; a version-1 file (services at the top level)
        /// has no cpus, pids_limit or tmpfs, and docker-compose rejects them there, so the fix is skipped instead.
        /// </summary>
        public bool CanWrite(string key, string ruleId)
        {
            if (!_service.Version1 || Version1Keys.Contains(key) || Map.Has(key))
            {
                return true;
            }

            Skip(ruleId, $"{key} is not a key of a version-1 compose file (services at the top level): docker-compose rejects it " +
                $"there; move the services under services: to fix {ruleId}");
            return false;
        }

        /// <summary>Sets a top-level scalar key: in place when written in the service, else added (or overriding an anchor).</summary>
        public bool SetScalar(string key, string value, string ruleId, ScalarWrite write = ScalarWrite.Text)
        {
            var node = Map[key];
            var formatted = Written(value, write, YamlScalarStyle.Plain, Own.Flow);
            if (node is not null && node.Local)
            {
                if (!ReplaceScalar(node, value, ruleId, key, write))
                {
                    return false;
                }

                return true;
            }

            if (node is not null && node.Via.StartsWith("extends", StringComparison.Ordinal))
            {
                Skip(ruleId, $"{key} is inherited through {node.Via}; fix the base service");
                return false;
            }

            if (node is not null && node.Kind != YamlNodeKind.Scalar)
            {
                Skip(ruleId, $"shape not understood: {key} from {node.Via} is {(node.Kind == YamlNodeKind.Mapping ? "a mapping" : "a list")} where compose expects a single value; not rewritten", node.Key?.Start);
                return false;
            }

            if (!CanWrite(key, ruleId))
            {
                return false;
            }

            Insert(Own, key, formatted, null);
            Changes.Add(new PlannedChange(_service.Name, ruleId, node?.Key?.Start ?? ServiceOffset,
                node is null ? "" : $"{key}: {Describe(node)} (from {node.Via})", $"{key}: {formatted}"));
            return true;
        }

        /// <summary>Sets a key of a mapping written in the service (deploy.resources.limits, a long-syntax port).</summary>
        public bool SetIn(ResolvedNode mapping, string key, string value, string ruleId, string label, ScalarWrite write = ScalarWrite.Text)
        {
            var node = mapping[key];
            if (node is not null && node.Local)
            {
                return ReplaceScalar(node, value, ruleId, label, write);
            }

            if (node is not null && (!mapping.Local || node.Via.StartsWith("extends", StringComparison.Ordinal)))
            {
                Skip(ruleId, $"{label} is inherited through {node.Via}; fix it there", node.Key?.Start);
                return false;
            }

            if (node is not null && node.Kind != YamlNodeKind.Scalar)
            {
                Skip(ruleId, $"shape not understood: {label} from {node.Via} is not a single value; not rewritten", node.Key?.Start);
                return false;
            }

            // A value merged into this mapping from an anchor (<<: *limits) is overridden by a key written here.

            var formatted = Written(value, write, YamlScalarStyle.Plain, mapping.Node.Flow);
            Insert(mapping.Node, key, formatted, null);
            Changes.Add(new PlannedChange(_service.Name, ruleId, mapping.Key?.Start ?? mapping.Node.Start, "", $"{label}: {formatted}"));
            return true;
        }

        private static string Written(string value, ScalarWrite write, YamlScalarStyle style, bool flow) => write switch
        {
            ScalarWrite.Verbatim => value,
            ScalarWrite.Quoted => style == YamlScalarStyle.SingleQuoted ? YamlText.Format(value, style, flow) : YamlText.Quote(value),
            _ => YamlText.Format(value, style, flow),
        };

        private bool ReplaceScalar(ResolvedNode node, string value, string ruleId, string label, ScalarWrite write)
        {
            var n = node.Node;
            if (n.Kind != YamlNodeKind.Scalar || n.IsNull || n.Style is YamlScalarStyle.Literal or YamlScalarStyle.Folded)
            {
                Skip(ruleId, $"{label} is not a single-line value; left as written", node.Key?.Start);
                return false;
            }

            if (n.Value.Contains('$', StringComparison.Ordinal))
            {
                Skip(ruleId, $"{label} is '{n.Value}', a variable: not rewritten", node.Key?.Start);
                return false;
            }

            if (n.Anchor.Length > 0)
            {
                Skip(ruleId, $"{label} defines the anchor &{n.Anchor}, which other values share; not rewritten", node.Key?.Start);
                return false;
            }

            var formatted = Written(value, write, n.Style, Own.Flow);
            _edits.Add(new TextEdit(n.ContentStart, n.End - n.ContentStart, formatted));
            Changes.Add(new PlannedChange(_service.Name, ruleId, node.Key?.Start ?? n.Start, $"{label}: {YamlText.Source(_text, n)}", $"{label}: {formatted}"));
            return true;
        }

        /// <summary>Removes a key written in the service; a value from an anchor is overridden when a neutral value exists.</summary>
        public bool RemoveKey(string key, string ruleId, string? neutral)
        {
            var node = Map[key];
            if (node is null)
            {
                return false;
            }

            if (!node.Local)
            {
                if (neutral is null || node.Via.StartsWith("extends", StringComparison.Ordinal))
                {
                    Skip(ruleId, $"{key} comes from {node.Via} and compose has no value that restores the default; change the shared definition deliberately", node.Key?.Start);
                    return false;
                }

                return SetScalar(key, neutral, ruleId, neutral == "false" ? ScalarWrite.Verbatim : ScalarWrite.Text);
            }

            if (!RemoveEntry(node))
            {
                Skip(ruleId, $"{key} is not on a line of its own; left as written", node.Key?.Start);
                return false;
            }

            Changes.Add(new PlannedChange(_service.Name, ruleId, node.Key!.Start, $"{node.Key.Deref.Value}: {Describe(node)}", ""));
            return true;
        }

        private bool RemoveEntry(ResolvedNode node)
        {
            var key = node.Key!;
            var value = node.Node;
            if (Own.Flow)
            {
                int start = key.Start;
                int end = value.End;
                int after = end;
                while (after < _text.Length && _text[after] == ' ')
                {
                    after++;
                }

                if (after < _text.Length && _text[after] == ',')
                {
                    after++;
                    while (after < _text.Length && _text[after] == ' ')
                    {
                        after++;
                    }

                    _edits.Add(new TextEdit(start, after - start, ""));
                    return true;
                }

                int before = start;
                while (before > 0 && _text[before - 1] == ' ')
                {
                    before--;
                }

                if (before > 0 && _text[before - 1] == ',')
                {
                    before--;
                }

                _edits.Add(new TextEdit(before, end - before, ""));
                return true;
            }

            if (!YamlText.StartsLine(_text, key.Start, dash: false))
            {
                return false;
            }

            _edits.Add(RemoveLines(key.Start, value.End));
            return true;
        }

        // Whole lines from the one holding start to the one holding end. On a last line without a line break, the
        // break before it goes instead, so the file still ends the way it did. A comment on a removed line is kept on
        // a line of its own at the removed line's indent: a fix never drops what a person wrote down.
        private TextEdit RemoveLines(int start, int end)
        {
            int from = YamlText.LineStart(_text, start);
            int to = YamlText.LineEndAfter(_text, end);
            var comments = YamlText.Comments(_text, from, to);
            int first = from;
            while (first < _text.Length && _text[first] == ' ')
            {
                first++;
            }

            var indent = new string(' ', first - from);
            if (to == _text.Length && !_text.EndsWith("\n", StringComparison.Ordinal) && from > 0)
            {
                from--;
                if (from > 0 && _text[from - 1] == '\r')
                {
                    from--;
                }

                return new TextEdit(from, to - from, string.Concat(comments.Select(c => _style.Newline + indent + c)));
            }

            return new TextEdit(from, to - from, string.Concat(comments.Select(c => indent + c + _style.Newline)));
        }

        /// <summary>The pending changes to a top-level sequence key (cap_add, security_opt, tmpfs, volumes, ports).</summary>
        public SequenceIntent Sequence(string key)
        {
            if (!_sequences.TryGetValue(key, out var intent))
            {
                intent = new SequenceIntent(key, Map[key]);
                _sequences[key] = intent;
            }

            return intent;
        }

        /// <summary>Turns every intent into edits on the text.</summary>
        public IReadOnlyList<TextEdit> Render()
        {
            foreach (var intent in _sequences.Values.Where(i => i.HasWork))
            {
                RenderSequence(intent);
            }

            foreach (var (mapping, entries) in _inserts)
            {
                _edits.Add(InsertEdit(mapping, entries));
            }

            return _edits;
        }

        private void RenderSequence(SequenceIntent intent)
        {
            var node = intent.Node;
            var key = intent.Key;
            var final = new List<Item>();
            if (node is not null && !node.IsNull)
            {
                var items = node.Kind == YamlNodeKind.Sequence ? node.Items : new List<ResolvedNode> { node };
                foreach (var item in items.Where(i => !intent.Removes.Contains(i)))
                {
                    final.Add(intent.Replaces.TryGetValue(item, out var replaced) ? new Item(null, replaced) : new Item(InlineSource(item), item.Raw));
                }
            }

            if (node is not null && node.Kind == YamlNodeKind.Mapping)
            {
                var at = node.Key ?? node.Node;
                Skip(intent.Rules[0], $"shape not understood: {key} is a mapping where compose expects a list ({node.File}:{at.Line}:{at.Column}); not rewritten",
                    node.Key?.Start ?? ServiceOffset);
                return;
            }

            if (node is null && !CanWrite(key, intent.Rules[0]))
            {
                return;
            }

            final.AddRange(intent.Appends.Select(v => new Item(null, v)));
            var before = node is null ? "" : $"{key}: {Describe(node)}";
            var after = final.Count == 0 ? "" : $"{key}: [{string.Join(", ", final.Select(i => i.Render(true)))}]";
            int offset = node?.Key?.Start ?? ServiceOffset;

            if (node is null || node.IsNull && node.Local)
            {
                if (node is not null && !RemoveEntry(node))
                {
                    Skip(intent.Rules[0], $"{key} is not on a line of its own; left as written", offset);
                    return;
                }

                Insert(Own, key, null, final);
            }
            else if (!node.Local)
            {
                if (node.Via.StartsWith("extends", StringComparison.Ordinal) || final.Any(i => i.Source is null && i.Value.Length == 0))
                {
                    Skip(intent.Rules[0], $"{key} is inherited through {node.Via}; fix the base service", offset);
                    return;
                }

                if (node.Items.Any(i => InlineSource(i) is null))
                {
                    Skip(intent.Rules[0], $"{key} comes from {node.Via} and holds multi-line items; override it by hand", offset);
                    return;
                }

                Insert(Own, key, null, final);
                before += $" (from {node.Via})";
            }
            else if (!RenderLocalSequence(intent, node, final))
            {
                return;
            }

            foreach (var rule in intent.Rules.Distinct())
            {
                Changes.Add(new PlannedChange(_service.Name, rule, offset, before, after));
            }

        }

        private bool RenderLocalSequence(SequenceIntent intent, ResolvedNode node, List<Item> final)
        {
            var inherited = intent.Removes.Concat(intent.Replaces.Keys).FirstOrDefault(i => !i.Local);
            if (inherited is not null)
            {
                Skip(intent.Rules[0], $"an entry of {intent.Key} comes from {inherited.Via}; fix it there", inherited.Node.Start);
                return false;
            }

            var n = node.Node;
            if (final.Count == 0)
            {
                return RemoveEntry(node);
            }

            if (n.Kind == YamlNodeKind.Scalar || n.Flow)
            {
                var kept = node.Kind == YamlNodeKind.Sequence ? node.Items.Where(i => !intent.Removes.Contains(i) && !intent.Replaces.ContainsKey(i)) : Enumerable.Empty<ResolvedNode>();
                if (kept.Any(i => InlineSource(i) is null))
                {
                    Skip(intent.Rules[0], $"{intent.Key} is a flow list with nested or multi-line entries; left as written", n.Start);
                    return false;
                }

                // A flow list (or a single value) is rewritten as a flow list, items copied as written.
                _edits.Add(new TextEdit(n.ContentStart, n.End - n.ContentStart, "[" + string.Join(", ", final.Select(i => i.Render(true))) + "]"));
                return true;
            }

            foreach (var item in node.Items)
            {
                var at = item.Node;
                if (intent.Removes.Contains(item))
                {
                    if (!YamlText.StartsLine(_text, at.Start, dash: true))
                    {
                        Skip(intent.Rules[0], $"an entry of {intent.Key} shares its line; left as written", at.Start);
                        return false;
                    }

                    _edits.Add(RemoveLines(at.Start, at.End));
                }
                else if (intent.Replaces.TryGetValue(item, out var value))
                {
                    _edits.Add(new TextEdit(at.ContentStart, at.End - at.ContentStart, YamlText.Format(value, at.Style, false)));
                }
            }

            if (intent.Appends.Count > 0)
            {
                var first = n.Items[0];
                int lineStart = YamlText.LineStart(_text, first.Start);
                var dash = _text.Substring(lineStart, first.Start - lineStart);
                var sb = new StringBuilder();
                int pos = YamlText.LineEndAfter(_text, n.End);
                if (pos == _text.Length && !_text.EndsWith("\n", StringComparison.Ordinal))
                {
                    sb.Append(_style.Newline);
                }

                foreach (var value in intent.Appends)
                {
                    sb.Append(dash).Append(YamlText.Format(value, YamlScalarStyle.Plain, false)).Append(_style.Newline);
                }

                _edits.Add(new TextEdit(pos, 0, sb.ToString()));
            }

            return true;
        }

        private void Insert(YamlNode mapping, string key, string? scalar, List<Item>? items)
        {
            if (!_inserts.TryGetValue(mapping, out var list))
            {
                list = new List<(string, string?, List<Item>?)>();
                _inserts[mapping] = list;
            }

            list.Add((key, scalar, items));
        }

        private TextEdit InsertEdit(YamlNode mapping, List<(string Key, string? Scalar, List<Item>? Items)> entries)
        {
            var nl = _style.Newline;
            var sb = new StringBuilder();
            if (mapping.Flow)
            {
                bool first = mapping.Pairs.Count == 0;
                foreach (var (key, scalar, items) in entries)
                {
                    sb.Append(first ? "" : ", ").Append(key).Append(": ")
                      .Append(scalar ?? "[" + string.Join(", ", items!.Select(i => i.Render(true))) + "]");
                    first = false;
                }

                return new TextEdit(mapping.End - 1, 0, sb.ToString());
            }

            var indent = new string(' ', mapping.Pairs[0].Key.Column - 1);
            int pos = InsertionPoint(mapping);
            if (pos == _text.Length && !_text.EndsWith("\n", StringComparison.Ordinal))
            {
                sb.Append(nl);
            }

            var dash = indent + new string(' ', _style.SequenceIndent) + "- ";
            foreach (var (key, scalar, items) in entries)
            {
                if (scalar is not null)
                {
                    sb.Append(indent).Append(key).Append(": ").Append(scalar).Append(nl);
                    continue;
                }

                if (items!.Count == 0)
                {
                    sb.Append(indent).Append(key).Append(": []").Append(nl);
                    continue;
                }

                sb.Append(indent).Append(key).Append(':').Append(nl);
                foreach (var item in items)
                {
                    sb.Append(dash).Append(item.Render(false)).Append(nl);
                }
            }

            return new TextEdit(pos, 0, sb.ToString());
        }

        // After the mapping's last line; a block scalar at the end swallows the blank lines after it, which belong
        // between this service and the next, so the new keys go before them (unless the scalar keeps them: |+).
        private int InsertionPoint(YamlNode mapping)
        {
            int pos = YamlText.LineEndAfter(_text, mapping.End);
            var last = mapping;
            while (last.Pairs.Count > 0 || last.Items.Count > 0)
            {
                last = last.Pairs.Count > 0 ? last.Pairs[^1].Value : last.Items[^1];
            }

            if (last.Style is not (YamlScalarStyle.Literal or YamlScalarStyle.Folded) ||
                _text.IndexOf('+', last.ContentStart, Math.Min(4, last.End - last.ContentStart)) >= 0)
            {
                return pos;
            }

            while (pos > last.ContentStart)
            {
                int prev = YamlText.LineStart(_text, pos - 1);
                if (_text.Substring(prev, pos - prev).Trim().Length > 0)
                {
                    break;
                }

                pos = prev;
            }

            return pos;
        }

        // A single-line scalar can be copied into another list as written (quotes included); anything else cannot.
        private string? InlineSource(ResolvedNode item)
        {
            var n = item.Node;
            return n.Kind == YamlNodeKind.Scalar && n.Style is not (YamlScalarStyle.Literal or YamlScalarStyle.Folded)
                ? YamlText.Source(_text, n)
                : null;
        }

        private string Describe(ResolvedNode node)
        {
            if (node.Kind == YamlNodeKind.Scalar)
            {
                return node.Raw;
            }

            if (node.Kind == YamlNodeKind.Sequence)
            {
                return "[" + string.Join(", ", node.Items.Select(i => i.Kind == YamlNodeKind.Scalar ? i.Raw : "{...}")) + "]";
            }

            return "{...}";
        }
    }

    /// <summary>How a new scalar is written: as text (plain where safe), always quoted, or verbatim (booleans, numbers).</summary>
    internal enum ScalarWrite
    {
        Text,
        Quoted,
        Verbatim,
    }

    /// <summary>What should happen to one sequence key: entries to drop or rewrite, values to add.</summary>
    internal sealed class SequenceIntent
    {
        public SequenceIntent(string key, ResolvedNode? node)
        {
            Key = key;
            Node = node;
        }

        public string Key { get; }
        public ResolvedNode? Node { get; }
        public HashSet<ResolvedNode> Removes { get; } = new(ReferenceEqualityComparer.Instance);
        public Dictionary<ResolvedNode, string> Replaces { get; } = new(ReferenceEqualityComparer.Instance);
        public List<string> Appends { get; } = new();
        public List<string> Rules { get; } = new();

        public IEnumerable<ResolvedNode> Entries => Node is null || Node.IsNull
            ? Enumerable.Empty<ResolvedNode>()
            : Node.Kind == YamlNodeKind.Sequence ? Node.Items : new[] { Node };

        public bool HasWork => Removes.Count > 0 || Replaces.Count > 0 || Appends.Count > 0;

        public void Remove(ResolvedNode item, string rule)
        {
            Removes.Add(item);
            Rules.Add(rule);
        }

        public void Replace(ResolvedNode item, string value, string rule)
        {
            Replaces[item] = value;
            Rules.Add(rule);
        }

        public void Append(string value, string rule)
        {
            Appends.Add(value);
            Rules.Add(rule);
        }
    }
}
