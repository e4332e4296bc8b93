using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace DockerHarden.Views.Compose
{
    /// <summary>Reading lines of the original text and writing scalars the way YAML (and PyYAML) read them back.</summary>
    internal static class YamlText
    {
        // Plain scalars that every YAML reader keeps as the same string: no indicator at the start, no ": " or " #",
        // and not something a YAML 1.1 reader turns into a number, boolean or sexagesimal.
        private static readonly Regex PlainSafe = new(@"^[A-Za-z_./~][A-Za-z0-9_./~@=+-]*(:[A-Za-z0-9_./~@=+-]+)*$|^[0-9]+(\.[0-9]+)?[a-zA-Z]*$|^[0-9]+(\.[0-9]+){2,}$", RegexOptions.CultureInvariant);
        private static readonly Regex Special = new(@"^(true|false|yes|no|on|off|y|n|null|~)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public static int LineStart(string text, int offset)
        {
            int i = Math.Min(offset, text.Length);
            while (i > 0 && text[i - 1] != '\n')
            {
                i--;
            }

            return i;
        }

        /// <summary>The offset just after the line break that ends the line holding <paramref name="offset"/>.</summary>
        public static int LineEndAfter(string text, int offset)
        {
            // A block scalar already ends after its line break.
            if (offset > 0 && offset <= text.Length && text[offset - 1] == '\n')
            {
                return offset;
            }

            int nl = text.IndexOf('\n', Math.Min(offset, text.Length));
            return nl < 0 ? text.Length : nl + 1;
        }

        /// <summary>True when only spaces (and, with <paramref name="dash"/>, one "- ") precede the offset on its line.</summary>
        public static bool StartsLine(string text, int offset, bool dash)
        {
            int start = LineStart(text, offset);
            var prefix = text.Substring(start, offset - start).Trim();
            return dash ? prefix == "-" : prefix.Length == 0;
        }

        public static string Newline(string text) => text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";

        /// <summary>Writes a value in the given style; a plain style falls back to double quotes where plain would change it.</summary>
        public static string Format(string value, YamlScalarStyle style, bool flow)
        {
            switch (style)
            {
                case YamlScalarStyle.SingleQuoted:
                    return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
                case YamlScalarStyle.DoubleQuoted:
                    return Quote(value);
                default:
                    bool safe = PlainSafe.IsMatch(value) && !Special.IsMatch(value) && !(flow && value.Contains(':', StringComparison.Ordinal));
                    return safe ? value : Quote(value);
            }
        }

        public static string Quote(string value)
        {
            var sb = new StringBuilder("\"");
            foreach (var ch in value)
            {
                sb.Append(ch switch
                {
                    '"' => "\\\"",
                    '\\' => "\\\\",
                    '\n' => "\\n",
                    '\t' => "\\t",
                    _ => ch.ToString(),
                });
            }

            return sb.Append('"').ToString();
        }

        /// <summary>The text of a node as written (without anchor or tag).</summary>
        public static string Source(string text, YamlNode node) => text.Substring(node.ContentStart, node.End - node.ContentStart);

        /// <summary>
        /// The comments ("# ...", trimmed) on the lines of text[from..to), in order. A '#' starts a comment at a line's
        /// start or after a blank, outside quotes; lines inside a block scalar (after a value ending in | or >) are content.
        /// </summary>
        public static IReadOnlyList<string> Comments(string text, int from, int to)
        {
            var result = new List<string>();
            int blockIndent = -1;
            foreach (var raw in text.Substring(from, to - from).Split('\n'))
            {
                var line = raw.TrimEnd('\r');
                int indent = line.Length - line.TrimStart(' ').Length;
                if (blockIndent >= 0 && (line.Trim().Length == 0 || indent > blockIndent))
                {
                    continue;
                }

                blockIndent = -1;
                char quote = '\0';
                for (int i = 0; i < line.Length; i++)
                {
                    char c = line[i];
                    if (quote != '\0')
                    {
                        if (c == '\\' && quote == '"')
                        {
                            i++;
                        }
                        else if (c == quote)
                        {
                            quote = '\0';
                        }
                    }
                    else if ((c == '"' || c == '\'') && (i == 0 || " \t[{,:-".Contains(line[i - 1], StringComparison.Ordinal)))
                    {
                        quote = c;
                    }
                    else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t'))
                    {
                        result.Add(line.Substring(i).TrimEnd());
                        line = line.Substring(0, i);
                        break;
                    }
                }

                var content = line.TrimEnd();
                if (content.Length > 0 && Regex.IsMatch(content, @"(^|[\s:-])[|>][0-9+-]*$"))
                {
                    blockIndent = indent;
                }
            }

            return result;
        }
    }
}
