using System.Collections.Generic;
using System.Linq;
using DockerHarden.Secrets;

namespace DockerHarden.Models
{
    /// <summary>The repair of one compose file: what changed, what was left and why, and the diff.</summary>
    public sealed class ComposeRepairResult
    {
        /// <summary>Creates a result.</summary>
        public ComposeRepairResult(string path, IEnumerable<ComposeChange> changes, string diff, string? backupPath, bool applied,
            IEnumerable<ComposeSkip> skipped)
        {
            Path = path;
            Changes = changes.ToArray();
            Diff = diff;
            BackupPath = backupPath;
            Applied = applied;
            Skipped = skipped.ToArray();
        }

        /// <summary>The compose file.</summary>
        public string Path { get; }

        /// <summary>One entry per fix: service, rule, line, the key before and after.</summary>
        public ComposeChange[] Changes { get; }

        /// <summary>The changes as a unified diff (empty when nothing changes).</summary>
        public string Diff { get; }

        /// <summary>The copy of the original file kept with -Backup, or null.</summary>
        public string? BackupPath { get; }

        /// <summary>True when the file was written; false with -WhatIf, when declined, or when nothing needed a change.</summary>
        public bool Applied { get; }

        /// <summary>Fixes not made, with the reason (needs a decision, a variable, an alias-only service...).</summary>
        public ComposeSkip[] Skipped { get; }

        /// <summary>With -PatchPath: the patch file written (the compose file is then not changed); else null.</summary>
        public string? PatchPath { get; internal set; }

        /// <summary>With -Verify: per changed service, the fixes kept, the ones withheld with evidence, and the time taken; else empty.</summary>
        public ComposeServiceVerification[] Verification { get; internal init; } = System.Array.Empty<ComposeServiceVerification>();
    }

    /// <summary>One change made (or planned) in a compose file.</summary>
    public sealed class ComposeChange
    {
        /// <summary>Creates a change.</summary>
        public ComposeChange(string service, string ruleId, int line, string before, string after)
        {
            Service = service;
            RuleId = ruleId;
            Line = line;
            Before = SecretMask.Text(before);
            After = SecretMask.Text(after);
        }

        /// <summary>The service changed.</summary>
        public string Service { get; }

        /// <summary>The rule the change fixes.</summary>
        public string RuleId { get; }

        /// <summary>1-based line in the original file: the key changed, or the service's line for an added key.</summary>
        public int Line { get; }

        /// <summary>The key as it was (empty when it was absent).</summary>
        public string Before { get; }

        /// <summary>What the fix writes: the key as it is now, "(removed)" for a removed key, and why when the value is not the default.</summary>
        public string After { get; }
    }

    /// <summary>A fix that Repair-ComposeFile did not make.</summary>
    public sealed class ComposeSkip
    {
        /// <summary>Creates a skip record.</summary>
        public ComposeSkip(string service, string ruleId, int line, string reason)
        {
            Service = service;
            RuleId = ruleId;
            Line = line;
            Reason = SecretMask.Text(reason);
        }

        /// <summary>The service.</summary>
        public string Service { get; }

        /// <summary>The rule not fixed.</summary>
        public string RuleId { get; }

        /// <summary>1-based line in the original file.</summary>
        public int Line { get; }

        /// <summary>Why the fix was not made.</summary>
        public string Reason { get; }
    }
}
