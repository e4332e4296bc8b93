using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DockerHarden.Facts;

namespace DockerHarden.Views.Daemon
{
    /// <summary>The verdict on one daemon.json: the text dockerd reads, what it refuses, and what it reads otherwise than written.</summary>
    internal sealed class DaemonConfigCheck
    {
        public DaemonConfigCheck(string text, IReadOnlyList<ConfigError> refusals, IReadOnlyList<ConfigError> warnings)
        {
            Text = text;
            Refusals = refusals;
            Warnings = warnings;
        }

        /// <summary>The file decoded as dockerd decodes it (bytes that are not UTF-8 become U+FFFD).</summary>
        public string Text { get; }
        /// <summary>What makes dockerd refuse to start, in file order.</summary>
        public IReadOnlyList<ConfigError> Refusals { get; }
        /// <summary>What dockerd loads, but otherwise than the file says (ignored keys, duplicates, trailing text, bytes that are not UTF-8).</summary>
        public IReadOnlyList<ConfigError> Warnings { get; }
        public ConfigError? FirstRefusal => Refusals.Count > 0 ? Refusals[0] : null;
        /// <summary>No refusal and no warning: dockerd reads exactly what the file says.</summary>
        public bool IsClean => Refusals.Count == 0 && Warnings.Count == 0;
    }

    /// <summary>
    /// Judges daemon.json bytes the way dockerd 20.10 reads them (moby daemon/config/config.go): strict JSON from the
    /// first byte (no byte order mark, not empty), an object or null at the top, only the keys of
    /// <see cref="DaemonConfigSchema"/>, each value of the type dockerd decodes it into. Pure: no I/O.
    /// </summary>
    internal static class DaemonConfigValidator
    {
        /// <summary>Go's encoding/json refuses nesting deeper than 10000.</summary>
        public const int MaxDepth = 10000;

        private static readonly JsonReaderOptions ReaderOptions = new()
        {
            AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = MaxDepth,
        };

        // go-units RAMInBytes.
        private static readonly Regex SizePattern = new(@"^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$", RegexOptions.CultureInvariant);

        public static DaemonConfigCheck Check(string path, string text) => Check(path, new UTF8Encoding(false).GetBytes(text));

        public static DaemonConfigCheck Check(string path, byte[] bytes)
        {
            var run = new Run(path, bytes);
            run.Validate();
            return new DaemonConfigCheck(run.Decoded, run.Refusals, run.Warnings);
        }

        /// <summary>One validation: the bytes, where lines start, and the problems found so far.</summary>
        private sealed class Run
        {
            private const string Refuses = "dockerd 20.10 refuses to start with it";
            private readonly string _path;
            private readonly byte[] _bytes;
            private readonly int _start;

            public Run(string path, byte[] bytes)
            {
                _path = path;
                _bytes = bytes;
                _start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
                Decoded = new UTF8Encoding(false, false).GetString(bytes, _start, bytes.Length - _start);
            }

            public string Decoded { get; }
            public List<ConfigError> Refusals { get; } = new();
            public List<ConfigError> Warnings { get; } = new();

            public void Validate()
            {
                if (_bytes.Length >= 2 && ((_bytes[0] == 0xFF && _bytes[1] == 0xFE) || (_bytes[0] == 0xFE && _bytes[1] == 0xFF)))
                {
                    Refuse(0, "the file is UTF-16 (it starts with a UTF-16 byte order mark); dockerd reads daemon.json only as UTF-8: save it as UTF-8");
                    return;
                }

                if (Array.IndexOf(_bytes, (byte)0) is var nul and >= 0)
                {
                    Refuse(nul, "the file holds NUL bytes (UTF-16 without a byte order mark, or not text); dockerd reads daemon.json only as UTF-8: save it as UTF-8");
                    return;
                }

                if (_start > 0)
                {
                    Refuse(0, "the file starts with a UTF-8 byte order mark, which dockerd 20.10 does not skip (\"invalid character 'ï'\"): save it without BOM");
                }

                if (_bytes.Skip(_start).All(b => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r'))
                {
                    Refuse(_start, $"the file is empty; {Refuses} (\"EOF\"): write {{}} for no settings");
                    return;
                }

                var sanitized = Sanitize();
                var reader = new Utf8JsonReader(sanitized.AsSpan(_start), ReaderOptions);
                try
                {
                    reader.Read();
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.Null:
                            break; // dockerd reads null as no settings
                        case JsonTokenType.StartObject:
                            TopLevel(ref reader);
                            break;
                        default:
                            Refuse(Offset(reader), $"the top level is {Kind(reader.TokenType)}, not an object; {Refuses}");
                            reader.Skip();
                            break;
                    }
                }
                catch (JsonException e)
                {
                    Refuse(OffsetOf(e), $"{Sentence(e.Message)}; {Refuses}");
                    return;
                }

                try
                {
                    if (reader.Read())
                    {
                        Warn(Offset(reader), "dockerd reads only the first JSON value and ignores what follows it here: its settings are not applied");
                    }
                }
                catch (JsonException e)
                {
                    Warn(OffsetOf(e), "dockerd reads only the first JSON value and ignores the text that follows it here");
                }
            }

            /// <summary>The bytes with each byte that is not UTF-8 replaced by '?' (same offsets); each one is reported where it is.</summary>
            private byte[] Sanitize()
            {
                var copy = (byte[])_bytes.Clone();
                var invalid = new List<int>();
                for (int i = _start; i < copy.Length;)
                {
                    var length = Utf8SequenceLength(copy, i);
                    if (length == 0)
                    {
                        invalid.Add(i);
                        copy[i] = (byte)'?';
                        i++;
                    }
                    else
                    {
                        i += length;
                    }
                }

                if (invalid.Count > 0)
                {
                    Warn(invalid[0], $"{invalid.Count} byte(s) are not UTF-8 (the first here); dockerd reads each as U+FFFD, so the value is not what the file means: save it as UTF-8");
                }

                return copy;
            }

            private void TopLevel(ref Utf8JsonReader reader)
            {
                var seen = new Dictionary<string, long>(StringComparer.Ordinal);
                bool haveGraph = false, haveDataRoot = false;
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var keyOffset = Offset(reader);
                    var key = Text(ref reader);
                    if (seen.TryGetValue(key, out var first))
                    {
                        Warn(keyOffset, $"\"{key}\" is set again here (first at {Where(first)}); dockerd uses the last one and ignores the other: keep one");
                    }

                    seen[key] = keyOffset;
                    haveGraph |= key == "graph";
                    haveDataRoot |= key == "data-root";
                    reader.Read();
                    var known = DaemonConfigSchema.Find(key);
                    if (reader.TokenType == JsonTokenType.StartObject && known is not { Flat: true })
                    {
                        Flattened(ref reader, key, keyOffset, known);
                        continue;
                    }

                    if (known is null)
                    {
                        var hint = DaemonConfigSchema.Suggest(key) is { } suggestion ? $" (did you mean \"{suggestion}\"?)" : "";
                        Refuse(keyOffset, $"\"{key}\" is not a dockerd 20.10 option{hint}; {Refuses} (\"the following directives don't match any configuration option\")");
                        reader.Skip();
                        continue;
                    }

                    if (known.IgnoredBecause is { } why)
                    {
                        Warn(keyOffset, $"dockerd accepts \"{key}\" and then ignores it: {why}");
                        reader.Skip();
                        continue;
                    }

                    Value(ref reader, key, keyOffset, known.Shape);
                }

                if (haveGraph && haveDataRoot)
                {
                    Refuse(seen["graph"], $"\"graph\" and \"data-root\" are both set; {Refuses} (\"cannot specify both\"): keep \"data-root\"");
                }
            }

            /// <summary>
            /// dockerd replaces an object under any key but the flat ones by the keys inside it (configValuesSet): those
            /// must be known; the outer key itself is then decoded (an object where it wants another type is refused).
            /// </summary>
            private void Flattened(ref Utf8JsonReader reader, string key, long keyOffset, DaemonConfigKey? known)
            {
                var inner = new List<string>();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var offset = Offset(reader);
                    var name = Text(ref reader);
                    inner.Add(name);
                    if (DaemonConfigSchema.Find(name) is null)
                    {
                        Refuse(offset, $"\"{name}\" inside \"{key}\" is not a dockerd 20.10 option; dockerd reads the keys of an object under \"{key}\" as options, and {Refuses}");
                    }

                    reader.Read();
                    reader.Skip();
                }

                if (known is null)
                {
                    Warn(keyOffset, inner.Count == 0
                        ? $"\"{key}\" is not a dockerd 20.10 option; dockerd ignores it because its value is an empty object: remove it"
                        : $"\"{key}\" is not a dockerd 20.10 option; because its value is an object, dockerd reads the keys inside it ({string.Join(", ", inner)}) as options of their own: move them to the top level");
                }
                else if (known.IgnoredBecause is { } why)
                {
                    Warn(keyOffset, $"dockerd accepts \"{key}\" and then ignores it: {why}");
                }
                else if (known.Shape.Kind is not (JsonShapeKind.Any or JsonShapeKind.Map or JsonShapeKind.Struct))
                {
                    Refuse(keyOffset, $"\"{key}\" must be {known.Shape.Description}, not an object; {Refuses}");
                }
            }

            /// <summary>Checks one value against its shape, leaving the reader on its last token.</summary>
            private void Value(ref Utf8JsonReader reader, string path, long keyOffset, JsonShape shape)
            {
                var token = reader.TokenType;
                if (token == JsonTokenType.Null && shape.Kind != JsonShapeKind.Size)
                {
                    return; // Go leaves the default for null
                }

                bool fits = shape.Kind switch
                {
                    JsonShapeKind.Any => true,
                    JsonShapeKind.Bool => token is JsonTokenType.True or JsonTokenType.False,
                    JsonShapeKind.String or JsonShapeKind.Ip or JsonShapeKind.Size => token == JsonTokenType.String,
                    JsonShapeKind.Integer => token == JsonTokenType.Number,
                    JsonShapeKind.Array => token == JsonTokenType.StartArray,
                    _ => token == JsonTokenType.StartObject,
                };
                if (!fits)
                {
                    Refuse(keyOffset, $"\"{path}\" must be {shape.Description}, not {Kind(token)}; {Refuses}");
                    reader.Skip();
                    return;
                }

                switch (shape.Kind)
                {
                    case JsonShapeKind.Any:
                        reader.Skip();
                        break;
                    case JsonShapeKind.Integer:
                        var number = Encoding.UTF8.GetString(reader.ValueSpan);
                        if (!Regex.IsMatch(number, "^-?(0|[1-9][0-9]*)$") || !long.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                        {
                            Refuse(keyOffset, $"\"{path}\" must be {shape.Description} (no fraction or exponent, within 64 bits), not {number}; {Refuses}");
                        }
                        else if (Limit(path) is { } limit && value < limit.Minimum)
                        {
                            Refuse(keyOffset, $"\"{path}\" is {value}, below {limit.Minimum}; {Refuses} (\"invalid {limit.What}\")");
                        }

                        break;
                    case JsonShapeKind.Ip:
                        var ip = Text(ref reader);
                        if (ip.Length > 0 && !IsIp(ip))
                        {
                            Refuse(keyOffset, $"\"{path}\" is \"{ip}\", not an IP address; {Refuses}");
                        }

                        break;
                    case JsonShapeKind.Size:
                        var size = token == JsonTokenType.String ? Text(ref reader) : null;
                        if (size is null || !SizePattern.IsMatch(size))
                        {
                            Refuse(keyOffset, $"\"{path}\" must be {shape.Description}, not {(size is null ? "null" : $"\"{size}\"")}; {Refuses}");
                        }

                        break;
                    case JsonShapeKind.String:
                        var text = Text(ref reader);
                        if (path.StartsWith("labels[", StringComparison.Ordinal) && !text.Contains('='))
                        {
                            Refuse(keyOffset, $"the label \"{text}\" has no '=' (labels are key=value); {Refuses} (\"bad attribute format\")");
                        }
                        else if (path.StartsWith("dns[", StringComparison.Ordinal) && !IsIp(text))
                        {
                            Refuse(keyOffset, $"the DNS server \"{text}\" is not an IP address; {Refuses}");
                        }

                        break;
                    case JsonShapeKind.Array:
                        for (int i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                        {
                            var elementPath = $"{path}[{i}]";
                            if (path == "labels" && reader.TokenType == JsonTokenType.Null)
                            {
                                Refuse(Offset(reader), $"\"{elementPath}\" is null, an empty label; {Refuses} (\"bad attribute format\")");
                                continue;
                            }

                            Value(ref reader, elementPath, Offset(reader), shape.Element!);
                        }

                        break;
                    case JsonShapeKind.Map:
                    case JsonShapeKind.Struct:
                        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                        {
                            var offset = Offset(reader);
                            var name = Text(ref reader);
                            reader.Read();
                            JsonShape? field = shape.Element;
                            if (shape.Kind == JsonShapeKind.Struct && !shape.Fields!.TryGetValue(name, out field))
                            {
                                reader.Skip(); // Go ignores fields it does not know inside a struct
                                continue;
                            }

                            if (path == "runtimes" && name == "runc")
                            {
                                Refuse(offset, $"the runtime name \"runc\" is reserved; {Refuses}: choose another name");
                            }

                            Value(ref reader, $"{path}.{name}", offset, field!);
                        }

                        break;
                }
            }

            private static (long Minimum, string What)? Limit(string path) => path switch
            {
                "max-concurrent-downloads" => (0, "max concurrent downloads"),
                "max-concurrent-uploads" => (0, "max concurrent uploads"),
                "max-download-attempts" => (1, "max download attempts"),
                _ => null,
            };

            /// <summary>A string or property name as dockerd reads it (escapes decoded; a lone surrogate becomes U+FFFD, as Go does).</summary>
            private string Text(ref Utf8JsonReader reader)
            {
                try
                {
                    return reader.GetString() ?? "";
                }
                catch (InvalidOperationException)
                {
                    Warn(Offset(reader), "an escape here is not valid UTF-16 (a lone surrogate); dockerd reads it as U+FFFD");
                    return Encoding.UTF8.GetString(reader.ValueSpan);
                }
            }

            private long Offset(Utf8JsonReader reader) => _start + reader.TokenStartIndex;

            /// <summary>The absolute offset of a reader error, from its 0-based line and byte position in that line.</summary>
            private long OffsetOf(JsonException e)
            {
                long line = e.LineNumber ?? 0, offset = _start;
                for (long n = 0; n < line && offset < _bytes.Length; offset++)
                {
                    if (_bytes[offset] == (byte)'\n')
                    {
                        n++;
                    }
                }

                return Math.Min(_bytes.Length, offset + (e.BytePositionInLine ?? 0));
            }

            private void Refuse(long offset, string message) => Refusals.Add(At(offset, message));

            private void Warn(long offset, string message) => Warnings.Add(At(offset, message));

            private ConfigError At(long offset, string message)
            {
                var (line, column) = LineAndColumn(offset);
                return new ConfigError(_path, line, column, message);
            }

            private string Where(long offset)
            {
                var (line, column) = LineAndColumn(offset);
                return $"{line}:{column}";
            }

            /// <summary>1-based line and column; the column counts characters (a byte that is not UTF-8 counts as one), a BOM none.</summary>
            private (long Line, long Column) LineAndColumn(long offset)
            {
                long line = 1, column = 1;
                for (int i = _start; i < offset && i < _bytes.Length;)
                {
                    if (_bytes[i] == (byte)'\n')
                    {
                        line++;
                        column = 1;
                        i++;
                        continue;
                    }

                    column++;
                    i += Math.Max(1, Utf8SequenceLength(_bytes, i));
                }

                return (line, column);
            }
        }

        /// <summary>The length of the well-formed UTF-8 sequence at <paramref name="i"/>, or 0 when the byte there starts none.</summary>
        private static int Utf8SequenceLength(byte[] b, int i)
        {
            var lead = b[i];
            if (lead < 0x80)
            {
                return 1;
            }

            int length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
            if (length == 0 || i + length > b.Length)
            {
                return 0;
            }

            for (int k = 1; k < length; k++)
            {
                if ((b[i + k] & 0xC0) != 0x80)
                {
                    return 0;
                }
            }

            // Overlong three- and four-byte forms, UTF-16 surrogates and code points above U+10FFFF are not UTF-8.
            var second = b[i + 1];
            if ((lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F) || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F))
            {
                return 0;
            }

            return length;
        }

        /// <summary>An address Go's net.ParseIP reads: a dotted quad without leading zeros, or IPv6 without a zone.</summary>
        private static bool IsIp(string text) => text.Contains(':')
            ? !text.Contains('%') && IPAddress.TryParse(text, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            : Regex.IsMatch(text, @"^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$");

        private static string Kind(JsonTokenType token) => token switch
        {
            JsonTokenType.String => "a string",
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.StartArray => "an array",
            JsonTokenType.StartObject => "an object",
            JsonTokenType.Null => "null",
            _ => token.ToString(),
        };

        private static string Sentence(string message)
        {
            // System.Text.Json appends "Path: $ | LineNumber: 2 | BytePositionInLine: 4."; we give line and column ourselves.
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut < 0)
            {
                cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            }

            return (cut > 0 ? message.Substring(0, cut) : message).Trim().TrimEnd('.');
        }
    }
}
