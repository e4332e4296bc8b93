using System;
using System.Collections.Generic;
using System.IO;
using DockerHarden.Views.Compose;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DockerHarden.Adapters.Compose
{
    /// <summary>
    /// The only code that reads YAML: turns a compose file's text into the plain <see cref="ComposeDocument"/> model.
    /// It uses YamlDotNet's default parser (its comment-keeping parser rejects valid files); edits are made on the
    /// original text, never by re-serialising. Rejects what compose itself rejects or what would hurt us: duplicate
    /// keys, undefined or recursive aliases, and alias bombs.
    /// </summary>
    internal static class ComposeReader
    {
        // An alias bomb expands a few hundred bytes into billions of nodes; a real file expands by a small factor.
        private const long ExpansionAllowance = 100_000;
        private const long ExpansionFactor = 50;

        public static ComposeDocument Parse(string text, string path, System.Threading.CancellationToken cancel = default)
        {
            var parser = new Parser(new StringReader(text));
            var anchors = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
            var open = new HashSet<YamlNode>();
            var stack = new Stack<Frame>();
            YamlNode? root = null;
            long nodeCount = 0;
            try
            {
                while (parser.MoveNext())
                {
                    var e = parser.Current!;
                    if ((nodeCount & 0xFFF) == 0)
                    {
                        cancel.ThrowIfCancellationRequested();
                    }

                    switch (e)
                    {
                        case DocumentStart when root is not null:
                            // Compose reads the first document only.
                            return Finish(path, text, root, nodeCount);
                        case Scalar s:
                            nodeCount++;
                            Add(stack, ref root, Register(anchors, new YamlNode
                            {
                                Kind = YamlNodeKind.Scalar,
                                Value = s.Value,
                                Tag = s.Tag.IsEmpty || s.Tag.IsNonSpecific ? "" : s.Tag.Value,
                                Style = Style(s.Style),
                                Start = (int)s.Start.Index,
                                End = (int)s.End.Index,
                                ContentStart = ContentStart(text, (int)s.Start.Index, (int)s.End.Index, !s.Anchor.IsEmpty || !(s.Tag.IsEmpty || s.Tag.IsNonSpecific)),
                                Line = (int)s.Start.Line,
                                Column = (int)s.Start.Column,
                                Anchor = s.Anchor.IsEmpty ? "" : s.Anchor.Value,
                            }), path);
                            break;
                        case AnchorAlias a:
                            nodeCount++;
                            if (!anchors.TryGetValue(a.Value.Value, out var target))
                            {
                                throw new ComposeParseException(path, (int)a.Start.Line, (int)a.Start.Column, $"the alias *{a.Value.Value} refers to no anchor defined before it");
                            }

                            if (open.Contains(target))
                            {
                                throw new ComposeParseException(path, (int)a.Start.Line, (int)a.Start.Column, $"the alias *{a.Value.Value} refers to a node that contains it (recursive alias)");
                            }

                            Add(stack, ref root, new YamlNode
                            {
                                Kind = YamlNodeKind.Alias,
                                Value = a.Value.Value,
                                Start = (int)a.Start.Index,
                                End = (int)a.End.Index,
                                ContentStart = (int)a.Start.Index,
                                Line = (int)a.Start.Line,
                                Column = (int)a.Start.Column,
                                Target = target,
                            }, path);
                            break;
                        case MappingStart m:
                            nodeCount++;
                            stack.Push(Open(anchors, open, YamlNodeKind.Mapping, m.Style == MappingStyle.Flow, m.Anchor, m.Tag, m));
                            break;
                        case SequenceStart q:
                            nodeCount++;
                            stack.Push(Open(anchors, open, YamlNodeKind.Sequence, q.Style == SequenceStyle.Flow, q.Anchor, q.Tag, q));
                            break;
                        case MappingEnd or SequenceEnd:
                            var frame = stack.Pop();
                            var node = frame.Node;
                            open.Remove(node);
                            // A flow collection ends after its closing bracket; a block one ends with its last descendant.
                            node.End = node.Flow ? (int)e.Start.Index + 1 : LastEnd(node);
                            Add(stack, ref root, node, path);
                            break;
                    }
                }
            }
            catch (YamlException ex)
            {
                // YamlDotNet reports a tab at the start of the enclosing mapping; point at the tab itself.
                var tab = ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? IndentationTab(text) : null;
                if (tab is { } t)
                {
                    throw new ComposeParseException(path, t.Line, t.Column, "a tab is used for indentation; YAML allows only spaces", ex);
                }

                throw new ComposeParseException(path, (int)ex.Start.Line, (int)ex.Start.Column, ex.Message, ex);
            }
            catch (InvalidOperationException ex)
            {
                // YamlDotNet throws this on some odd flow YAML instead of a YamlException.
                var at = parser.Current?.Start ?? Mark.Empty;
                throw new ComposeParseException(path, (int)Math.Max(1, at.Line), (int)Math.Max(1, at.Column),
                    "invalid YAML after this point (an unclosed [ or { or an unexpected key in a flow collection?)", ex);
            }

            return Finish(path, text, root, nodeCount);
        }

        private static (int Line, int Column)? IndentationTab(string text)
        {
            int line = 1;
            bool indent = true;
            int column = 1;
            foreach (var ch in text)
            {
                if (ch == '\n')
                {
                    line++;
                    column = 1;
                    indent = true;
                    continue;
                }

                if (indent && ch == '\t')
                {
                    return (line, column);
                }

                indent &= ch == ' ';
                column++;
            }

            return null;
        }

        private static ComposeDocument Finish(string path, string text, YamlNode? root, long nodeCount)
        {
            if (root is not null)
            {
                var memo = new Dictionary<YamlNode, long>(ReferenceEqualityComparer.Instance);
                long limit = ExpansionAllowance + (ExpansionFactor * nodeCount);
                long expanded = Expanded(root, memo, limit);
                if (expanded > limit)
                {
                    var bomb = FirstExpensiveAlias(root, memo, limit) ?? root;
                    throw new ComposeParseException(path, bomb.Line, bomb.Column,
                        $"aliases expand to more than {limit} nodes (an alias bomb); refusing to read the file");
                }
            }

            return new ComposeDocument(path, text, root);
        }

        // Expanded size with memoisation: linear in the document, saturating at the limit.
        private static long Expanded(YamlNode node, Dictionary<YamlNode, long> memo, long limit)
        {
            if (node.Kind == YamlNodeKind.Alias)
            {
                return Expanded(node.Target!, memo, limit);
            }

            if (memo.TryGetValue(node, out var known))
            {
                return known;
            }

            long total = 1;
            foreach (var pair in node.Pairs)
            {
                total = Math.Min(limit + 1, total + Expanded(pair.Key, memo, limit) + Expanded(pair.Value, memo, limit));
            }

            foreach (var item in node.Items)
            {
                total = Math.Min(limit + 1, total + Expanded(item, memo, limit));
            }

            memo[node] = total;
            return total;
        }

        private static YamlNode? FirstExpensiveAlias(YamlNode node, Dictionary<YamlNode, long> memo, long limit)
        {
            if (node.Kind == YamlNodeKind.Alias)
            {
                return memo.TryGetValue(node.Target!, out var size) && size * 2 > limit / ExpansionFactor ? node : null;
            }

            foreach (var child in Children(node))
            {
                var hit = FirstExpensiveAlias(child, memo, limit);
                if (hit is not null)
                {
                    return hit;
                }
            }

            return null;
        }

        private static IEnumerable<YamlNode> Children(YamlNode node)
        {
            foreach (var pair in node.Pairs)
            {
                yield return pair.Key;
                yield return pair.Value;
            }

            foreach (var item in node.Items)
            {
                yield return item;
            }
        }

        private static Frame Open(Dictionary<string, YamlNode> anchors, HashSet<YamlNode> open, YamlNodeKind kind, bool flow,
            AnchorName anchor, TagName tag, ParsingEvent e)
        {
            bool decorated = !anchor.IsEmpty || !(tag.IsEmpty || tag.IsNonSpecific);
            var node = new YamlNode
            {
                Kind = kind,
                Flow = flow,
                Tag = tag.IsEmpty || tag.IsNonSpecific ? "" : tag.Value,
                Anchor = anchor.IsEmpty ? "" : anchor.Value,
                Start = (int)e.Start.Index,
                // The start event ends where the content begins (after "&name" and the line break that may follow).
                ContentStart = decorated ? (int)e.End.Index : (int)e.Start.Index,
                Line = decorated ? (int)e.End.Line : (int)e.Start.Line,
                Column = decorated ? (int)e.End.Column : (int)e.Start.Column,
                End = (int)e.End.Index,
            };
            Register(anchors, node);
            open.Add(node);
            return new Frame(node);
        }

        private static YamlNode Register(Dictionary<string, YamlNode> anchors, YamlNode node)
        {
            if (node.Anchor.Length > 0)
            {
                // YAML lets a later anchor of the same name replace an earlier one for the aliases that follow.
                anchors[node.Anchor] = node;
            }

            return node;
        }

        private static void Add(Stack<Frame> stack, ref YamlNode? root, YamlNode node, string path)
        {
            if (stack.Count == 0)
            {
                root ??= node;
                return;
            }

            var frame = stack.Peek();
            var parent = frame.Node;
            if (parent.Kind == YamlNodeKind.Sequence)
            {
                parent.Items.Add(node);
                return;
            }

            if (frame.PendingKey is null)
            {
                frame.PendingKey = node;
                return;
            }

            var key = frame.PendingKey;
            frame.PendingKey = null;
            if (key.Kind == YamlNodeKind.Scalar && key.Value != "<<")
            {
                // Compose (v2) rejects duplicate keys; docker-compose 1.x silently kept the last one.
                if (!frame.Keys.Add(key.Value))
                {
                    throw new ComposeParseException(path, key.Line, key.Column, $"duplicate key '{key.Value}' in the same mapping");
                }
            }

            parent.Pairs.Add(new KeyValuePair<YamlNode, YamlNode>(key, node));
        }

        private static int LastEnd(YamlNode node)
        {
            if (node.Pairs.Count > 0)
            {
                return Math.Max(node.Pairs[^1].Value.End, node.Pairs[^1].Key.End);
            }

            return node.Items.Count > 0 ? node.Items[^1].End : node.ContentStart;
        }

        // A scalar's event starts at its anchor or tag; its value starts after the last whitespace-separated prefix.
        private static int ContentStart(string text, int start, int end, bool decorated)
        {
            if (!decorated)
            {
                return start;
            }

            int i = start;
            while (i < end && (text[i] == '&' || text[i] == '!'))
            {
                while (i < end && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                while (i < end && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }
            }

            return i;
        }

        private static YamlScalarStyle Style(ScalarStyle style) => style switch
        {
            ScalarStyle.SingleQuoted => YamlScalarStyle.SingleQuoted,
            ScalarStyle.DoubleQuoted => YamlScalarStyle.DoubleQuoted,
            ScalarStyle.Literal => YamlScalarStyle.Literal,
            ScalarStyle.Folded => YamlScalarStyle.Folded,
            _ => YamlScalarStyle.Plain,
        };

        private sealed class Frame
        {
            public Frame(YamlNode node) => Node = node;

            public YamlNode Node { get; }
            public YamlNode? PendingKey { get; set; }
            public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);
        }
    }
}
