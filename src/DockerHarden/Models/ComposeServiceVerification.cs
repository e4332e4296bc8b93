using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Secrets;

namespace DockerHarden.Models
{
    /// <summary>How the verification of one service's fixes ended (Repair-ComposeFile -Verify).</summary>
    public enum ComposeVerifyStatus
    {
        /// <summary>The service ran with every planned fix for the whole window.</summary>
        Verified,
        /// <summary>Some fixes broke the service: they are withheld, the others were verified and kept.</summary>
        FixesWithheld,
        /// <summary>The service does not run on its own even without the fixes, so none can be verified: all are withheld.</summary>
        BaselineFailed,
        /// <summary>An image the service needs is not on the engine (and -Pull was not given): its fixes are withheld.</summary>
        ImageNotFound,
    }

    /// <summary>What -Verify found for one service: the fixes kept, the ones withheld with evidence, and the time it took.</summary>
    public sealed class ComposeServiceVerification
    {
        /// <summary>Creates a verification record.</summary>
        public ComposeServiceVerification(string service, ComposeVerifyStatus status, IEnumerable<string> kept, IEnumerable<ComposeWithheldFix> withheld,
            string? memoryLimit, TimeSpan duration, int runs, string note)
        {
            Service = service;
            Status = status;
            Kept = kept.ToArray();
            Withheld = withheld.ToArray();
            MemoryLimit = memoryLimit;
            Duration = duration;
            Runs = runs;
            Note = SecretMask.Text(note);
        }

        /// <summary>The service.</summary>
        public string Service { get; }

        /// <summary>How the verification ended.</summary>
        public ComposeVerifyStatus Status { get; }

        /// <summary>Rules whose fixes ran and are written.</summary>
        public string[] Kept { get; }

        /// <summary>Rules whose fixes broke the service (or could not be verified), with the evidence: not written.</summary>
        public ComposeWithheldFix[] Withheld { get; }

        /// <summary>The memory limit written when verification had to raise the planned one (the service was OOM-killed below it); else null.</summary>
        public string? MemoryLimit { get; }

        /// <summary>Wall time of the verification runs this service took part in.</summary>
        public TimeSpan Duration { get; }

        /// <summary>How many throwaway containers of this service were started.</summary>
        public int Runs { get; }

        /// <summary>One line on what was done (raised limits, replaced mounts, the reason nothing could run).</summary>
        public string Note { get; }
    }

    /// <summary>A fix that -Verify withheld, and what the service did when it was applied.</summary>
    public sealed class ComposeWithheldFix
    {
        /// <summary>Creates a withheld-fix record; log lines are masked.</summary>
        public ComposeWithheldFix(string ruleId, string state, int? exitCode, bool oomKilled, string health, IEnumerable<string> logTail, string reason)
        {
            RuleId = ruleId;
            State = state;
            ExitCode = exitCode;
            OomKilled = oomKilled;
            Health = health;
            LogTail = logTail.Select(SecretMask.Text).ToArray();
            Reason = SecretMask.Text(reason);
        }

        /// <summary>The rule whose fix is withheld.</summary>
        public string RuleId { get; }

        /// <summary>The container's state when it was judged (exited, running, created...).</summary>
        public string State { get; }

        /// <summary>The exit code when the container had exited.</summary>
        public int? ExitCode { get; }

        /// <summary>True when the kernel's OOM killer hit the container.</summary>
        public bool OomKilled { get; }

        /// <summary>The healthcheck's status (healthy, unhealthy, starting), or empty without one.</summary>
        public string Health { get; }

        /// <summary>The container's last log lines, secrets masked.</summary>
        public string[] LogTail { get; }

        /// <summary>Why the fix was withheld, in one sentence.</summary>
        public string Reason { get; }

        /// <summary>The reason and the last log line.</summary>
        public override string ToString() => LogTail.Length == 0 ? $"{RuleId}: {Reason}" : $"{RuleId}: {Reason}; log: {LogTail[^1]}";
    }
}
