using System.Collections.Generic;
using System.Text;

namespace DockerHarden.Views.Compose
{
    /// <summary>A compose value after variable substitution, as far as the file alone can tell.</summary>
    internal readonly struct Interpolated
    {
        public Interpolated(string value, IReadOnlyList<string> unknown, bool hasVariables)
        {
            Value = value;
            Unknown = unknown;
            HasVariables = hasVariables;
        }

        /// <summary>The value with defaults substituted (unknown variables left as written).</summary>
        public string Value { get; }
        /// <summary>Variables that have no default in the file: their value is only known at run time.</summary>
        public IReadOnlyList<string> Unknown { get; }
        public bool HasVariables { get; }
        public bool Known => Unknown.Count == 0;
    }

    /// <summary>
    /// Compose's ${VAR} substitution without an environment: a variable with a default (${VAR:-x}, ${VAR-x}) is judged
    /// by its default; one without (${VAR}, $VAR, ${VAR:?err}, ${VAR:+alt}) is unknown. $$ is a literal $.
    /// </summary>
    internal static class Interpolation
    {
        public static Interpolated Apply(string raw)
        {
            if (raw.IndexOf('$') < 0)
            {
                return new Interpolated(raw, System.Array.Empty<string>(), false);
            }

            var result = new StringBuilder(raw.Length);
            var unknown = new List<string>();
            bool any = false;
            int i = 0;
            while (i < raw.Length)
            {
                char c = raw[i];
                if (c != '$' || i + 1 >= raw.Length)
                {
                    result.Append(c);
                    i++;
                    continue;
                }

                char next = raw[i + 1];
                if (next == '$')
                {
                    result.Append('$');
                    i += 2;
                    continue;
                }

                if (next == '{')
                {
                    int close = raw.IndexOf('}', i + 2);
                    if (close < 0)
                    {
                        result.Append(raw, i, raw.Length - i);
                        break;
                    }

                    any = true;
                    var body = raw.Substring(i + 2, close - i - 2);
                    var (name, op, word) = Split(body);
                    if (op is ":-" or "-")
                    {
                        result.Append(word);
                    }
                    else
                    {
                        unknown.Add(name);
                        result.Append(raw, i, close - i + 1);
                    }

                    i = close + 1;
                    continue;
                }

                if (char.IsLetter(next) || next == '_')
                {
                    int end = i + 1;
                    while (end < raw.Length && (char.IsLetterOrDigit(raw[end]) || raw[end] == '_'))
                    {
                        end++;
                    }

                    any = true;
                    unknown.Add(raw.Substring(i + 1, end - i - 1));
                    result.Append(raw, i, end - i);
                    i = end;
                    continue;
                }

                result.Append(c);
                i++;
            }

            return new Interpolated(result.ToString(), unknown, any);
        }

        private static (string Name, string Op, string Word) Split(string body)
        {
            int n = 0;
            while (n < body.Length && (char.IsLetterOrDigit(body[n]) || body[n] == '_'))
            {
                n++;
            }

            var rest = body.Substring(n);
            foreach (var op in new[] { ":-", ":?", ":+", "-", "?", "+" })
            {
                if (rest.StartsWith(op, System.StringComparison.Ordinal))
                {
                    return (body.Substring(0, n), op, rest.Substring(op.Length));
                }
            }

            return (body.Substring(0, n), "", "");
        }
    }
}
