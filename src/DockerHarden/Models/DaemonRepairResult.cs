using System.Collections.Generic;
using System.Linq;
using DockerHarden.Secrets;

namespace DockerHarden.Models
{
    /// <summary>One daemon.json key that a repair changed (or, under -WhatIf, would change).</summary>
    public sealed class DaemonConfigChange
    {
        /// <summary>Creates a change record.</summary>
        public DaemonConfigChange(string ruleId, string key, string? before, string? after)
        {
            RuleId = ruleId;
            Key = key;
            Before = before is null ? null : SecretMask.Text(before);
            After = after is null ? null : SecretMask.Text(after);
        }

        /// <summary>The rule the change fixes, for example DH014.</summary>
        public string RuleId { get; }

        /// <summary>The daemon.json key.</summary>
        public string Key { get; }

        /// <summary>The value before, as JSON; null when the key was absent.</summary>
        public string? Before { get; }

        /// <summary>The value after, as JSON; null when the key is removed.</summary>
        public string? After { get; }
    }

    /// <summary>What Repair-DaemonConfiguration did to one daemon.json.</summary>
    public sealed class DaemonRepairResult
    {
        /// <summary>Creates a result.</summary>
        public DaemonRepairResult(string path, string dockerHost, IEnumerable<DaemonConfigChange> changes, string? backupPath,
            bool applied, bool restartRequired, bool restarted, IEnumerable<string> notes, IEnumerable<string> warnings)
        {
            Path = path;
            DockerHost = dockerHost;
            Changes = changes.ToArray();
            BackupPath = backupPath;
            Applied = applied;
            RestartRequired = restartRequired;
            Restarted = restarted;
            Notes = notes.ToArray();
            Warnings = warnings.ToArray();
        }

        /// <summary>The daemon.json that was repaired.</summary>
        public string Path { get; }

        /// <summary>The engine whose dockerd reads the file, when known.</summary>
        public string DockerHost { get; }

        /// <summary>Every key changed (or, when Applied is false, that would change).</summary>
        public DaemonConfigChange[] Changes { get; }

        /// <summary>The copy of the file taken before writing; null when nothing was written or the file was new.</summary>
        public string? BackupPath { get; }

        /// <summary>True when the file was written; false under -WhatIf or when nothing needed changing.</summary>
        public bool Applied { get; }

        /// <summary>True when the file changed and dockerd has not been restarted to load it.</summary>
        public bool RestartRequired { get; }

        /// <summary>True when -Restart restarted dockerd.</summary>
        public bool Restarted { get; }

        /// <summary>What was left alone and why, and how to apply the change.</summary>
        public string[] Notes { get; }

        /// <summary>Consequences to know before restarting (also written as warnings).</summary>
        public string[] Warnings { get; }
    }
}
