using System;
using System.IO;
using System.Text.Json;
using DockerHarden.Facts;

namespace DockerHarden.Daemon
{
    /// <summary>daemon.json as read from disk: its text, or the exact place where it stops being JSON.</summary>
    internal sealed class DaemonConfigDocument
    {
        public DaemonConfigDocument(string path, bool exists, string text, ConfigError? error)
        {
            Path = path;
            Exists = exists;
            Text = text;
            Error = error;
        }

        public string Path { get; }
        public bool Exists { get; }
        /// <summary>The file's text; empty when it does not exist.</summary>
        public string Text { get; }
        public ConfigError? Error { get; }
    }

    /// <summary>Reads daemon.json the way dockerd does (strict JSON) and reports a malformed file with line and column.</summary>
    internal static class DaemonConfigReader
    {
        /// <summary>dockerd's own parser accepts neither comments nor trailing commas, so neither do we.</summary>
        public static readonly JsonDocumentOptions Options = new() { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow };

        public static DaemonConfigDocument Read(string path)
        {
            if (!File.Exists(path))
            {
                return new DaemonConfigDocument(path, false, "", null);
            }

            var text = File.ReadAllText(path);
            return new DaemonConfigDocument(path, true, text, Validate(path, text));
        }

        /// <summary>Null when the text is a JSON object; otherwise the error with 1-based line and column.</summary>
        public static ConfigError? Validate(string path, string text)
        {
            if (text.Trim().Length == 0)
            {
                return null; // dockerd treats an empty file as no settings
            }

            try
            {
                using var document = JsonDocument.Parse(text, Options);
                return document.RootElement.ValueKind == JsonValueKind.Object
                    ? null
                    : new ConfigError(path, 1, 1, $"the top level is a {document.RootElement.ValueKind}, not an object");
            }
            catch (JsonException e)
            {
                // JsonException counts lines and bytes from 0; editors count from 1.
                var line = (e.LineNumber ?? 0) + 1;
                var column = (e.BytePositionInLine ?? 0) + 1;
                return new ConfigError(path, line, column, FirstSentence(e.Message));
            }
        }

        private static string FirstSentence(string message)
        {
            // System.Text.Json appends "Path: $ | LineNumber: 2 | BytePositionInLine: 4."; we give line and column ourselves.
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            return (cut > 0 ? message.Substring(0, cut) : message).Trim();
        }
    }
}
