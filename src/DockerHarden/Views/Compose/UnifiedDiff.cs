using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DockerHarden.Secrets;

namespace DockerHarden.Views.Compose
{
    /// <summary>
    /// A unified diff (3 lines of context) built from the edits themselves rather than by comparing texts: the
    /// edits already say which lines changed, so the cost is linear in the file however many services change.
    /// Every line of the diff that is output, context, removed or added, goes through <see cref="SecretMask"/>: the
    /// lines around a change often hold environment values, passwords in a command or a URL. The unmasked form (a patch
    /// that applies to a file holding secrets) is only ever written to a file, never to an output stream.
    /// </summary>
    internal static class UnifiedDiff
    {
        private const int Context = 3;

        // What diff(1) prints after a line that has no newline at the end of its file; patch(1) and git apply need it
        // to reproduce such a file exactly.
        private const string NoNewline = "\\ No newline at end of file";

        /// <summary>The diff of the edits; with <paramref name="mask"/> false, a patch that holds the file's secrets as they are.</summary>
        public static string FromEdits(string original, IReadOnlyList<TextEdit> sortedEdits, string oldLabel, string newLabel, bool mask = true)
        {
            if (sortedEdits.Count == 0)
            {
                return "";
            }

            var lineStarts = LineStarts(original);
            int totalLines = original.Length == 0 ? 0 : lineStarts.Count - (original.EndsWith("\n", StringComparison.Ordinal) ? 1 : 0);
            var regions = Regions(original, sortedEdits, lineStarts);
            var masked = new MaskedLines(original, lineStarts, mask);
            bool oldOpenEnd = original.Length > 0 && !original.EndsWith("\n", StringComparison.Ordinal);
            var edited = EditLog.Apply(original, sortedEdits);
            bool newOpenEnd = edited.Length > 0 && !edited.EndsWith("\n", StringComparison.Ordinal);

            var sb = new StringBuilder();
            sb.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
            int shift = 0; // new line number minus old line number before the current region
            int i = 0;
            while (i < regions.Count)
            {
                int j = i;
                while (j + 1 < regions.Count && regions[j + 1].OldFrom - (regions[j].OldFrom + regions[j].OldCount) <= 2 * Context)
                {
                    j++;
                }

                int from = Math.Max(0, regions[i].OldFrom - Context);
                int to = Math.Min(totalLines, regions[j].OldFrom + regions[j].OldCount + Context);
                int hunkShift = shift;
                var body = new StringBuilder();
                int newCount = 0;
                int cursor = from;
                for (int k = i; k <= j; k++)
                {
                    var r = regions[k];
                    for (; cursor < r.OldFrom; cursor++)
                    {
                        body.Append(' ').Append(masked.At(cursor)).Append('\n');
                        newCount++;
                    }

                    bool atEnd = r.OldFrom + r.OldCount == totalLines;

                    // The new lines are read in the state the scanner has where they start (inside an environment block, say).
                    var added = masked.Continue(r.NewLines);
                    for (int l = 0; l < r.OldCount; l++)
                    {
                        body.Append('-').Append(masked.At(r.OldFrom + l)).Append('\n');
                    }

                    if (atEnd && oldOpenEnd && r.OldCount > 0)
                    {
                        body.Append(NoNewline).Append('\n');
                    }

                    foreach (var line in added)
                    {
                        body.Append('+').Append(line).Append('\n');
                        newCount++;
                    }

                    if (atEnd && newOpenEnd && added.Count > 0)
                    {
                        body.Append(NoNewline).Append('\n');
                    }

                    cursor = r.OldFrom + r.OldCount;
                    shift += r.NewLines.Count - r.OldCount;
                }

                for (; cursor < to; cursor++)
                {
                    body.Append(' ').Append(masked.At(cursor)).Append('\n');
                    newCount++;
                    // An unchanged last line without a newline is the last line of both files.
                    if (cursor == totalLines - 1 && oldOpenEnd)
                    {
                        body.Append(NoNewline).Append('\n');
                    }
                }

                int oldCount = to - from;
                sb.Append("@@ -").Append(Range(from, oldCount)).Append(" +").Append(Range(from + hunkShift, newCount)).Append(" @@\n");
                sb.Append(body);
                i = j + 1;
            }

            return sb.ToString();
        }

        // Unified diff ranges are 1-based; an empty range names the line before it.
        private static string Range(int zeroBasedFrom, int count) =>
            count == 0 ? $"{zeroBasedFrom},0" : count == 1 ? $"{zeroBasedFrom + 1}" : $"{zeroBasedFrom + 1},{count}";

        private sealed record Region(int OldFrom, int OldCount, List<string> NewLines);

        private static List<Region> Regions(string text, IReadOnlyList<TextEdit> edits, List<int> lineStarts)
        {
            var result = new List<Region>();
            int i = 0;
            while (i < edits.Count)
            {
                int a = YamlText.LineStart(text, edits[i].Start);
                int b = RegionEnd(text, edits[i], a);
                int j = i;
                while (j + 1 < edits.Count && YamlText.LineStart(text, edits[j + 1].Start) <= b)
                {
                    j++;
                    b = Math.Max(b, RegionEnd(text, edits[j], YamlText.LineStart(text, edits[j].Start)));
                }

                var sb = new StringBuilder();
                int at = a;
                for (int k = i; k <= j; k++)
                {
                    sb.Append(text, at, edits[k].Start - at).Append(edits[k].Text);
                    at = edits[k].End;
                }

                sb.Append(text, at, b - at);
                int fromLine = LineIndex(lineStarts, a);
                int toLine = b >= text.Length && !text.EndsWith("\n", StringComparison.Ordinal) && b > a ? LineIndex(lineStarts, b) + 1 : LineIndex(lineStarts, b);
                result.Add(new Region(fromLine, toLine - fromLine, SplitLines(sb.ToString())));
                i = j + 1;
            }

            return result;
        }

        private static int RegionEnd(string text, TextEdit e, int lineStart)
        {
            if (e.Length == 0 && e.Start == lineStart)
            {
                return lineStart;
            }

            return e.Length > 0 && text[e.End - 1] == '\n' ? e.End : YamlText.LineEndAfter(text, e.End);
        }

        private static List<string> SplitLines(string s)
        {
            // A CRLF file's lines keep their \r, as diff(1) prints them, so that the diff applies to the file as it is.
            var lines = s.Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
            }

            return lines;
        }

        private static List<int> LineStarts(string text)
        {
            var starts = new List<int> { 0 };
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    starts.Add(i + 1);
                }
            }

            return starts;
        }

        private static int LineIndex(List<int> starts, int offset)
        {
            int index = starts.BinarySearch(offset);
            return index >= 0 ? index : ~index - 1;
        }

        /// <summary>The original's lines masked in order: the scanner reads every line once, so a block's state is known at each hunk.</summary>
        private sealed class MaskedLines
        {
            private readonly string _text;
            private readonly List<int> _starts;
            private readonly SecretMask.YamlScanner? _scanner;
            private int _next;
            private string _last = "";

            public MaskedLines(string text, List<int> starts, bool mask)
            {
                _text = text;
                _starts = starts;
                _scanner = mask ? new SecretMask.YamlScanner(SecretMask.EnvironmentAnchors(Enumerable.Range(0, starts.Count).Select(i => Line(text, starts, i)))) : null;
            }

            /// <summary>Line <paramref name="line"/> masked; lines are asked for in increasing order.</summary>
            public string At(int line)
            {
                if (_scanner is null)
                {
                    return Line(_text, _starts, line, keepCr: true);
                }

                while (_next <= line)
                {
                    _last = KeepingCr(_scanner, Line(_text, _starts, _next++, keepCr: true));
                }

                return _last;
            }

            /// <summary>Lines that replace the ones from here, masked without moving this scanner.</summary>
            public IReadOnlyList<string> Continue(IEnumerable<string> lines)
            {
                if (_scanner is null)
                {
                    return lines.ToList();
                }

                var fork = _scanner.Clone();
                return lines.Select(l => KeepingCr(fork, l)).ToList();
            }
        }

        private static string Line(string text, List<int> starts, int line, bool keepCr = false)
        {
            int start = starts[line];
            int end = line + 1 < starts.Count ? starts[line + 1] : text.Length;
            var l = text.Substring(start, end - start).TrimEnd('\n');
            return keepCr ? l : l.TrimEnd('\r');
        }

        // The scanner reads lines without their \r; the diff line gets it back.
        private static string KeepingCr(SecretMask.YamlScanner scanner, string line) =>
            line.EndsWith("\r", StringComparison.Ordinal) ? scanner.Mask(line.Substring(0, line.Length - 1)) + "\r" : scanner.Mask(line);

        /// <summary>
        /// Puts a byte order mark back at the start of line 1 on both sides (the edits are planned on the text without it),
        /// so that the diff applies to the file's bytes.
        /// </summary>
        public static string WithByteOrderMark(string diff)
        {
            var lines = diff.Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("@@ -1,", StringComparison.Ordinal) && !lines[i].StartsWith("@@ -1 ", StringComparison.Ordinal))
                {
                    continue;
                }

                bool oldDone = false, newDone = false;
                for (int k = i + 1; k < lines.Length && !(oldDone && newDone) && lines[k].Length > 0; k++)
                {
                    char kind = lines[k][0];
                    if (kind == ' ')
                    {
                        // Unchanged line 1 of both files; after a change it is no longer line 1 of the old file.
                        if (!oldDone && !newDone)
                        {
                            lines[k] = " \uFEFF" + lines[k].Substring(1);
                        }

                        break;
                    }

                    if (kind == '-' && !oldDone || kind == '+' && !newDone)
                    {
                        lines[k] = kind + "\uFEFF" + lines[k].Substring(1);
                        oldDone |= kind == '-';
                        newDone |= kind == '+';
                    }
                }

                break;
            }

            return string.Join("\n", lines);
        }
    }
}
