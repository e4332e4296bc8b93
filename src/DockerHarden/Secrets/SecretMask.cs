using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;

namespace DockerHarden.Secrets
{
    /// <summary>
    /// The one place that decides what is a secret in text the module prints, and masks it as <c>***</c>. Pure. Every
    /// output path goes through it: finding evidence (through <c>HardeningFinding</c>), compose diffs and change
    /// records, daemon.json change records and warnings, the docker CLI lines and settings of New-HardenedContainer.
    /// Names stay and values go, so evidence still says what was found:
    /// <list type="bullet">
    /// <item>a value after a credential-like name, <c>--password=x</c>, <c>--api-key x</c>, <c>DB_PASSWORD=x</c>,
    /// <c>api_token: x</c>, <c>"splunk-token":"x"</c> (judged word by word by <see cref="SecretNames"/>: KEYCLOAK_URL
    /// and MONKEY are not credential-like, API_KEY and apiKey are);</item>
    /// <item>a value of a secret's shape under any name: a PEM private key, a JSON web token, a provider's prefixed
    /// token (AKIA..., ghp_..., glpat-..., xoxb-..., sk_live_...);</item>
    /// <item>the password of a URL, <c>http://admin:***@host/</c>;</item>
    /// <item>the value of a <c>-p</c> password flag (<c>-p x</c>, <c>-px</c>) unless it is a port mapping;</item>
    /// <item>in compose text, every environment value, and every value under a credential-like key.</item>
    /// </list>
    /// </summary>
    internal static partial class SecretMask
    {
        /// <summary>What replaces a secret value.</summary>
        public const string Mask = "***";

        // A name token, taken whole (atomic: no backtracking inside it), so that each pattern below scans in linear time;
        // whether the name is credential-like is decided by SecretNames, word by word, not by a substring.
        private const string Name = @"(?<![\w.\-])(?<name>(?>-{0,2}[\w.\-]+))";
        private const string FlagName = @"(?<![\w.\-])(?<name>(?>-{1,2}[\w.\-]+))";
        private const string Bare = @"[^\s""',;&|)\]}]";

        // name=value and "name"="value": up to the next space (a shell line goes on after it).
        [GeneratedRegex(Name + @"(?<sep>[""']?[ \t]*=[ \t]*)(?:(?<quote>[""'])(?<value>[^""'\r\n]+)|(?<value>(?!-)" + Bare + "+))",
            RegexOptions.CultureInvariant)]
        private static partial Regex Assigned();

        // name: value, "name":"value", Authorization: Bearer x: to the end of the phrase (a comment, quote or comma ends it).
        [GeneratedRegex(Name + @"(?<sep>[""']?[ \t]*:(?!//)[ \t]*)(?:(?<quote>[""'])(?<value>[^""'\r\n]+)|(?<value>(?![-#])" + Bare + @"+(?:[ \t]+(?![-#])" + Bare + "+)*))",
            RegexOptions.CultureInvariant)]
        private static partial Regex Keyed();

        // --name value, and "--name", "value" in a JSON or YAML flow list.
        [GeneratedRegex(FlagName + @"(?<sep>[""']?(?:[ \t]*,[ \t]*|[ \t]+)[""']?)(?<value>(?!-)" + Bare + "+)", RegexOptions.CultureInvariant)]
        private static partial Regex Flagged();

        // scheme://user:password@ (the user may be empty, as in redis://:password@host).
        [GeneratedRegex(@"(?<head>\b[a-z][a-z0-9+.\-]*://[^\s/:@""']*:)(?<value>[^\s/@""']+)(?=@)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
        private static partial Regex UrlPassword();

        // -p VALUE, -pVALUE (mysql, mysqladmin, redis-cli style); a value with ':' or only digits is a port mapping.
        [GeneratedRegex(@"(?<![\w\-])(?<name>-p)(?<sep>[""']?(?:[ \t]*,[ \t]*|[ \t]+)[""']?|=)?(?<value>(?!-)[^\s""',;&|)\]}]+)", RegexOptions.CultureInvariant)]
        private static partial Regex ShortPassword();

        [GeneratedRegex(@"^(\d+(-\d+)?(/\w+)?|.*:.*)$", RegexOptions.CultureInvariant)]
        private static partial Regex PortLike();

        // Values that are secrets by their shape, whatever name they are under: a PEM private key, a JSON web token, and
        // the prefixed tokens of common providers (AWS access key ids, GitHub, GitLab, Slack, Stripe).
        [GeneratedRegex(
            @"-----BEGIN [A-Z ]*PRIVATE KEY-----(?:[^-]|-(?!----END))*(?:-----END [A-Z ]*PRIVATE KEY-----)?" +
            @"|\beyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]+" +
            @"|\b(?:AKIA|ASIA)[0-9A-Z]{16}\b" +
            @"|\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_\-]{20,}|xox[abprs]-[A-Za-z0-9\-]{10,}|[sr]k_live_[A-Za-z0-9]{16,})",
            RegexOptions.CultureInvariant)]
        private static partial Regex SecretShaped();

        /// <summary>Whether a name (an option, variable, label or log-opt key) is credential-like; see <see cref="SecretNames"/>.</summary>
        public static bool IsSecretName(string name) => SecretNames.IsSecret(name);

        /// <summary>A value for a name: masked when the name is credential-like, else the value with its secret-shaped parts masked.</summary>
        public static string Value(string name, string value) =>
            value.Length > 0 && IsSecretName(name) ? Mask : Text(value);

        /// <summary>"name=value" with <see cref="Value"/> applied, for --label and --log-opt.</summary>
        public static string Pair(string name, string value) => $"{name}={Value(name, value)}";

        /// <summary>Free text (a command line, a log line, evidence, a JSON fragment) with every secret value masked.</summary>
        public static string Text(string? text)
        {
            if (string.IsNullOrEmpty(text))
            {
                return text ?? "";
            }

            // Most text (finding evidence) holds no hint of a secret: each pattern runs only where its hint is present,
            // which keeps masking off the audit's hot path.
            var masked = text;
            if (masked.Contains("://", StringComparison.Ordinal))
            {
                masked = UrlPassword().Replace(masked, m => m.Groups["head"].Value + Mask);
            }

            if (SecretNames.MayHold(masked))
            {
                masked = Named(Flagged(), Named(Keyed(), Named(Assigned(), masked)));
            }

            if (masked.Contains("-p", StringComparison.Ordinal))
            {
                masked = ShortPassword().Replace(masked, m => PortLike().IsMatch(m.Groups["value"].Value) || m.Groups["value"].Value == Mask ? m.Value
                    : m.Groups["name"].Value + m.Groups["sep"].Value + Mask);
            }

            return SecretNames.MayHoldShaped(masked) ? SecretShaped().Replace(masked, Mask) : masked;
        }

        /// <summary>
        /// The values after credential-like names that <paramref name="pattern"/> finds, masked. A match under a name that
        /// is not credential-like is looked into again from its value on ("foo: bar api_key: x" holds a secret after
        /// "foo: "), so the patterns need not know the name rules.
        /// </summary>
        private static string Named(Regex pattern, string text)
        {
            StringBuilder? sb = null;
            int copied = 0;
            var m = pattern.Match(text);
            while (m.Success)
            {
                var value = m.Groups["value"];
                if (value.Value != Mask && IsSecretName(m.Groups["name"].Value))
                {
                    sb ??= new StringBuilder(text.Length);
                    sb.Append(text, copied, m.Index - copied)
                        .Append(m.Groups["name"].Value).Append(m.Groups["sep"].Value).Append(m.Groups["quote"].Value).Append(Mask);
                    copied = m.Index + m.Length;
                    m = pattern.Match(text, copied);
                }
                else
                {
                    m = pattern.Match(text, value.Index);
                }
            }

            return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
        }

        /// <summary>
        /// An argument vector (a container's entrypoint and command): each argument masked as text, and the argument after
        /// a credential-like flag (<c>--password</c>, <c>-p</c>) masked whole.
        /// </summary>
        public static IReadOnlyList<string> Arguments(IEnumerable<string> args)
        {
            var result = new List<string>();
            bool next = false;
            foreach (var arg in args)
            {
                if (next && !arg.StartsWith("-", StringComparison.Ordinal))
                {
                    result.Add(Mask);
                    next = false;
                    continue;
                }

                next = IsFlagWithoutValue(arg);
                result.Add(Text(arg));
            }

            return result;
        }

        /// <summary>
        /// A command (argv: a healthcheck, an entrypoint) as one line of output, masked once and the same way wherever it
        /// is shown: per argument (<see cref="Arguments"/>, which knows where a flag's value ends), then the line as
        /// text (<see cref="Text"/>, for a name and its value in two arguments, such as "api_key:" "x").
        /// </summary>
        public static string Command(IEnumerable<string> argv) => Text(string.Join(" ", Arguments(argv)));

        /// <summary>Compose (YAML) lines, masked with the structure of the lines before them; see <see cref="YamlScanner"/>.</summary>
        public static IReadOnlyList<string> YamlLines(IReadOnlyList<string> lines)
        {
            var scanner = new YamlScanner(EnvironmentAnchors(lines));
            return lines.Select(scanner.Mask).ToList();
        }

        /// <summary>A flag that takes its secret in the next argument: "--password", "-p", "--api-key".</summary>
        private static bool IsFlagWithoutValue(string arg) =>
            arg == "-p" || (arg.StartsWith("-", StringComparison.Ordinal) && !arg.Contains('=') && IsSecretName(arg));

        /// <summary>Anchors that an environment key takes (environment: *env, or &lt;&lt;: *env inside it): their blocks hold environment values too.</summary>
        internal static ISet<string> EnvironmentAnchors(IEnumerable<string> lines)
        {
            var anchors = new HashSet<string>(StringComparer.Ordinal);
            int envIndent = -1;
            foreach (var line in lines)
            {
                var content = line.TrimStart(' ');
                if (content.Length == 0 || content.StartsWith("#", StringComparison.Ordinal))
                {
                    continue;
                }

                int indent = line.Length - content.Length;
                if (envIndent >= 0 && (indent < envIndent || (indent == envIndent && !content.StartsWith("- ", StringComparison.Ordinal))))
                {
                    envIndent = -1;
                }

                var env = Regex.Match(content, @"^(?:-\s+)?environment\s*:\s*(?:\*(?<alias>[^\s,\]}]+))?");
                if (env.Success)
                {
                    if (env.Groups["alias"].Success)
                    {
                        anchors.Add(env.Groups["alias"].Value);
                    }

                    envIndent = indent;
                    continue;
                }

                if (envIndent >= 0)
                {
                    foreach (Match alias in Regex.Matches(content, @"^<<\s*:\s*\[?(?<list>.*)"))
                    {
                        foreach (Match a in Regex.Matches(alias.Groups["list"].Value, @"\*(?<name>[^\s,\]}]+)"))
                        {
                            anchors.Add(a.Groups["name"].Value);
                        }
                    }
                }
            }

            return anchors;
        }

        /// <summary>
        /// Masks compose lines one at a time, knowing from the lines before which block each is in: inside an
        /// <c>environment:</c> block (or a block anchored as one) every value goes; inside a block under a credential-like
        /// key every scalar goes; a list item after <c>- --password</c> goes; everything else is masked as text.
        /// </summary>
        internal sealed class YamlScanner
        {
            private readonly ISet<string> _envAnchors;
            private int _blockIndent = -1;
            private bool _blockIsEnvironment;
            private bool _nextItem;

            public YamlScanner(ISet<string>? environmentAnchors = null)
            {
                _envAnchors = environmentAnchors ?? new HashSet<string>();
            }

            /// <summary>A scanner in the same state, to read other lines (a diff's new lines) from this point.</summary>
            public YamlScanner Clone() => (YamlScanner)MemberwiseClone();

            public string Mask(string line)
            {
                var content = line.TrimStart(' ', '\t');
                if (content.Length == 0 || content.StartsWith("#", StringComparison.Ordinal))
                {
                    return line;
                }

                int indent = line.Length - content.Length;
                var head = line.Substring(0, indent);
                if (_blockIndent >= 0 && (indent < _blockIndent || (indent == _blockIndent && !content.StartsWith("- ", StringComparison.Ordinal))))
                {
                    _blockIndent = -1;
                }

                if (_nextItem)
                {
                    _nextItem = false;
                    var item = Regex.Match(content, @"^-\s+(?<q>[""']?)(?<v>[^\s""'#]+)");
                    if (item.Success && !item.Groups["v"].Value.StartsWith("-", StringComparison.Ordinal))
                    {
                        return head + content.Substring(0, item.Groups["v"].Index) + SecretMask.Mask + content.Substring(item.Groups["v"].Index + item.Groups["v"].Length);
                    }
                }

                if (_blockIndent >= 0)
                {
                    return head + InBlock(content, _blockIsEnvironment);
                }

                // A key that opens a block: environment, a credential-like key, or an anchor an environment key takes.
                var key = Regex.Match(content, @"^(?:-\s+)?(?<q>[""']?)(?<key>[^\s:""'#][^:""'#]*?)\k<q>\s*:(?:\s+|$)(?<rest>.*)$");
                if (key.Success)
                {
                    var name = key.Groups["key"].Value;
                    var rest = key.Groups["rest"].Value.Trim();
                    var anchor = Regex.Match(rest, @"^&(?<a>\S+)");
                    bool environment = string.Equals(name, "environment", StringComparison.Ordinal) ||
                                       (anchor.Success && _envAnchors.Contains(anchor.Groups["a"].Value));
                    bool secret = IsSecretName(name);
                    var afterAnchor = anchor.Success ? rest.Substring(anchor.Length).Trim() : rest;
                    if ((environment || secret) && (afterAnchor.Length == 0 || afterAnchor.StartsWith("#", StringComparison.Ordinal)))
                    {
                        _blockIndent = indent;
                        _blockIsEnvironment = environment;
                        return line;
                    }

                    if (environment && (afterAnchor.StartsWith("[", StringComparison.Ordinal) || afterAnchor.StartsWith("{", StringComparison.Ordinal)))
                    {
                        int at = line.Length - key.Groups["rest"].Length;
                        return line.Substring(0, at) + FlowValues(key.Groups["rest"].Value);
                    }
                }

                var masked = Text(line);
                var flag = Regex.Match(content, @"^-\s+(?<q>[""']?)(?<v>[^\s""'#]+)\k<q>\s*(#.*)?$");
                _nextItem = flag.Success && IsFlagWithoutValue(flag.Groups["v"].Value);
                return masked;
            }

            /// <summary>A line inside a block: "- NAME=value", "NAME: value", "- value" (not an environment's "- NAME").</summary>
            private static string InBlock(string content, bool environment)
            {
                var pair = Regex.Match(content, @"^(?<lead>-\s+[""']?[^=""'\s]+=)(?<v>.*?)(?<tail>[""']?\s*(#.*)?)$");
                if (pair.Success)
                {
                    return pair.Groups["v"].Length == 0 ? content : pair.Groups["lead"].Value + SecretMask.Mask + pair.Groups["tail"].Value;
                }

                var map = Regex.Match(content, @"^(?<lead>(?:-\s+)?[""']?[^:""'#]+[""']?\s*:\s+)(?<v>.*?)(?<tail>\s+#.*)?$");
                if (map.Success)
                {
                    var v = map.Groups["v"].Value;
                    return v.Length == 0 || v.StartsWith("*", StringComparison.Ordinal) || v.StartsWith("&", StringComparison.Ordinal)
                        ? content : map.Groups["lead"].Value + SecretMask.Mask + map.Groups["tail"].Value;
                }

                var item = Regex.Match(content, @"^(?<lead>-\s+)(?<v>[^#]*?)(?<tail>\s+#.*)?$");
                if (item.Success && !environment && item.Groups["v"].Length > 0)
                {
                    return item.Groups["lead"].Value + SecretMask.Mask + item.Groups["tail"].Value;
                }

                return Text(content);
            }

            /// <summary>An environment written in flow style on one line: [A=1, B=2] or {A: 1, B: 2}.</summary>
            private static string FlowValues(string flow)
            {
                var sb = new StringBuilder(flow.Length);
                bool inValue = false, masked = false;
                char quote = '\0';
                for (int i = 0; i < flow.Length; i++)
                {
                    char c = flow[i];
                    if (quote != '\0' && c == quote)
                    {
                        quote = '\0';
                        sb.Append(c);
                        inValue = false;
                        continue;
                    }

                    if (quote == '\0' && (c == ',' || c == ']' || c == '}'))
                    {
                        inValue = false;
                        masked = false;
                        sb.Append(c);
                        continue;
                    }

                    if (inValue)
                    {
                        if (!masked && !char.IsWhiteSpace(c))
                        {
                            sb.Append(SecretMask.Mask);
                            masked = true;
                        }
                        else if (char.IsWhiteSpace(c) && !masked)
                        {
                            sb.Append(c);
                        }

                        continue;
                    }

                    if (quote == '\0' && (c == '"' || c == '\''))
                    {
                        quote = c;
                    }
                    else if (c == '=' || (c == ':' && i + 1 < flow.Length && flow[i + 1] == ' '))
                    {
                        inValue = true;
                        masked = false;
                    }

                    sb.Append(c);
                }

                return sb.ToString();
            }
        }
    }
}
