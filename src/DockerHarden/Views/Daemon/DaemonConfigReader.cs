using System;
using System.Collections.Generic;
using System.Text.Json;
using DockerHarden.Facts;
using DockerHarden.Files;

namespace DockerHarden.Views.Daemon
{
    /// <summary>daemon.json as read from disk: its text, and what dockerd would refuse or read otherwise than written.</summary>
    internal sealed class DaemonConfigDocument
    {
        public DaemonConfigDocument(string path, FileSnapshot snapshot, DaemonConfigCheck? check)
        {
            Path = path;
            Snapshot = snapshot;
            Check = check;
        }

        public string Path { get; }
        public bool Exists => Snapshot.Exists;
        /// <summary>The file as read, for the writer to check that nothing changed it since.</summary>
        public FileSnapshot Snapshot { get; }
        /// <summary>The file's text as dockerd decodes it; empty when it does not exist.</summary>
        public string Text => Check?.Text ?? "";
        /// <summary>The verdict on the file; null when it does not exist (dockerd then runs on flags and defaults).</summary>
        public DaemonConfigCheck? Check { get; }
        /// <summary>The first thing dockerd refuses in the file, if any.</summary>
        public ConfigError? Error => Check?.FirstRefusal;
        public IReadOnlyList<ConfigError> Errors => Check?.Refusals ?? Array.Empty<ConfigError>();
        public IReadOnlyList<ConfigError> Warnings => Check?.Warnings ?? Array.Empty<ConfigError>();
    }

    /// <summary>Reads daemon.json as bytes, the way dockerd does, and judges it with <see cref="DaemonConfigValidator"/>.</summary>
    internal static class DaemonConfigReader
    {
        /// <summary>For parsing a file the validator passed: dockerd's parser accepts neither comments nor trailing commas, and nests up to 10000 deep.</summary>
        public static readonly JsonDocumentOptions Options = new()
        {
            AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow, MaxDepth = DaemonConfigValidator.MaxDepth,
        };

        /// <summary>Reads the file (a missing one is a document that does not exist); FileRefusedException for a device, FIFO, directory or a file over the size limit.</summary>
        public static DaemonConfigDocument Read(string path)
        {
            var snapshot = SafeFile.ReadIfExists(path);
            return new DaemonConfigDocument(path, snapshot, snapshot.Exists ? DaemonConfigValidator.Check(path, snapshot.Bytes) : null);
        }
    }
}
