using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using DockerHarden.Files;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Views.Daemon;

namespace DockerHarden.Services
{
    /// <summary>What Repair-DaemonConfiguration was asked for one daemon.json.</summary>
    internal sealed class DaemonRepairInput
    {
        /// <summary>The engine's endpoint; null when only a file was named and no engine is known.</summary>
        public string? Endpoint { get; init; }
        /// <summary>-Path, resolved; null: the file the engine's dockerd reads.</summary>
        public string? Path { get; init; }
        /// <summary>The rules -Rule/-ExcludeRule leave; asked only once the file is known to be repairable.</summary>
        public Func<IReadOnlyList<DaemonRule>> SelectRules { get; init; } = () => Array.Empty<DaemonRule>();
        public string? LogDriver { get; init; }
        public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();
        public bool Backup { get; init; } = true;
        public bool Restart { get; init; }
    }

    /// <summary>
    /// Repair-DaemonConfiguration's work for one daemon.json: find the file and its dockerd, refuse a file dockerd
    /// cannot load as written, plan, check the new text, write it (after ShouldProcess) with a backup, restart if asked.
    /// </summary>
    internal static class DaemonRepairService
    {
        /// <summary>The result, or null when an error was written and nothing was changed.</summary>
        public static DaemonRepairResult? Repair(DaemonRepairInput input, IOperationHost host)
        {
            var endpoint = input.Endpoint;
            var daemon = endpoint is null ? null : LocalDaemonProbe.FindDaemon(endpoint);
            // A report of a remote engine carries an empty ConfigPath: that means "unknown", not a file named "".
            var path = input.Path ?? daemon?.ConfigFile;
            var notes = new List<string>();
            if (daemon is not null && path is not null && System.IO.Path.GetFullPath(daemon.ConfigFile) != System.IO.Path.GetFullPath(path))
            {
                // Another daemon's flags would make wrong conflicts, and restarting it would not load this file.
                notes.Add($"{path} is not the file dockerd pid {daemon.Pid} at {endpoint} reads ({daemon.ConfigFile}): its flags were not compared and it is not restarted.");
                daemon = null;
            }

            if (path is null)
            {
                host.WriteError(new ErrorRecord(new ItemNotFoundException(
                        $"No dockerd serving {endpoint} is visible from here, so its daemon.json is unknown. Name the file with -Path."),
                    "DaemonConfigNotFound", ErrorCategory.ObjectNotFound, endpoint));
                return null;
            }

            if (Read(path, host) is not { } document)
            {
                return null;
            }

            host.WriteVerbose($"Repairing {path} for {endpoint ?? "no known engine"}" +
                (daemon is null ? " (no local dockerd serves it: its flags are not compared)." : $" (dockerd pid {daemon.Pid}; its command-line flags are compared)."));
            var plan = DaemonRepairPlanner.Plan(document.Text, BuildRequest(input, daemon, path, document.Text, host));
            host.WriteVerbose($"Plan: {plan.Changes.Count} change(s){(plan.Changes.Count > 0 ? ": " + string.Join(", ", plan.Changes.Select(c => $"{c.RuleId} {c.Key}")) : "")}.");
            if (plan.Changes.Count > 0 && DaemonConfigValidator.Check(path, plan.NewText) is { IsClean: false } check)
            {
                // The planner writes only keys it knows, with their types; this is the last guard before the disk.
                var problem = check.Refusals.Concat(check.Warnings).First();
                host.WriteError(new ErrorRecord(new InvalidOperationException(
                        $"The repaired {path} would not load in dockerd as intended ({problem.Message}, at line {problem.Line}, column {problem.Column} of the new text). Nothing was written."),
                    "DaemonRepairInvalid", ErrorCategory.InvalidResult, path));
                return null;
            }

            foreach (var warning in plan.Warnings)
            {
                host.WriteWarning(warning);
            }

            notes.AddRange(plan.Notes);
            var changes = plan.Changes.Select(c => new DaemonConfigChange(c.RuleId, c.Key, c.Before, c.After)).ToList();
            string? backup = null;
            bool applied = false, restarted = false;
            var summary = string.Join(", ", plan.Changes.Select(c => c.After is null ? $"remove {c.Key}" : $"{c.Key}={c.After}"));
            if (changes.Count > 0 && host.ShouldProcess(path, $"Write {changes.Count} change(s) to daemon.json: {summary}"))
            {
                if (!TryWrite(document, path, plan.NewText, input.Backup, host, out backup))
                {
                    return null;
                }

                applied = true;
                if (input.Restart && host.ShouldProcess(endpoint ?? path, "Restart dockerd to load the new daemon.json"))
                {
                    var why = DaemonRestarter.Restart(daemon);
                    restarted = why is null;
                    if (why is null)
                    {
                        notes.Add($"dockerd restarted with 'systemctl restart {DaemonRestarter.SystemdUnit(daemon!.Pid)}'.");
                    }
                    else
                    {
                        host.WriteError(new ErrorRecord(new InvalidOperationException($"The file was written but dockerd was not restarted: {why}"),
                            "DaemonRestartFailed", ErrorCategory.NotImplemented, endpoint));
                    }
                }

                if (!restarted)
                {
                    notes.Add(DaemonRestarter.HowToRestart(daemon));
                }
            }

            return new DaemonRepairResult(path, endpoint ?? "", changes, backup, applied, applied && !restarted, restarted, notes, plan.Warnings);
        }

        /// <summary>
        /// The file, or null with an error written. A file DH021 does not pass is never edited: dockerd cannot load it,
        /// or loads it otherwise than it says, and an edit would either keep it broken or silently turn what it says
        /// into what dockerd happens to read.
        /// </summary>
        private static DaemonConfigDocument? Read(string path, IOperationHost host)
        {
            DaemonConfigDocument document;
            try
            {
                document = DaemonConfigReader.Read(path);
            }
            catch (FileRefusedException e)
            {
                host.WriteError(FileErrors.Record(e, path));
                return null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                host.WriteError(new ErrorRecord(e, "DaemonConfigUnreadable", ErrorCategory.ReadError, path));
                return null;
            }

            var problem = document.Error is { } error
                ? $"{error}. The file was not changed: fix it first (dockerd cannot load it either; Test-DaemonHardening lists every problem as DH021)."
                : document.Warnings.Count > 0
                    ? $"{document.Warnings[0]}. The file was not changed: dockerd loads it otherwise than it says (DH021), and a repair would make that silent. Fix it first."
                    : null;
            if (problem is not null)
            {
                host.WriteError(new ErrorRecord(new FormatException(problem), "DaemonConfigInvalid", ErrorCategory.ParserError, path));
                return null;
            }

            return document;
        }

        private static bool TryWrite(DaemonConfigDocument document, string path, string text, bool backup, IOperationHost host, out string? backupPath)
        {
            backupPath = null;
            try
            {
                if (document.Snapshot.IsSymlink)
                {
                    host.WriteVerbose($"{path} is a symlink: writing through it to {document.Snapshot.RealPath}, the link stays.");
                }

                backupPath = DaemonConfigWriter.Write(document.Snapshot, text, backup, DateTime.UtcNow);
                return true;
            }
            catch (FileRefusedException e)
            {
                host.WriteError(FileErrors.Record(e, path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                host.WriteError(new ErrorRecord(new IOException(
                        $"{path} could not be written: {e.Message.TrimEnd('.')}. The original is unchanged, and no temporary file or backup is left.", e),
                    "DaemonConfigWriteFailed", ErrorCategory.WriteError, path));
            }

            return false;
        }

        private static DaemonRepairRequest BuildRequest(DaemonRepairInput input, DaemonProcess? daemon, string path, string text, IOperationHost host)
        {
            var flags = DaemonSettingsBuilder.Build(daemon, path, "").All.Where(s => s.FromFlag).ToDictionary(s => s.Key, s => s);
            return new DaemonRepairRequest
            {
                Rules = input.SelectRules().Select(r => r.Info.Id).Where(id => DaemonRepairPlanner.FixableRules.Contains(id)).ToList(),
                LogDriver = input.LogDriver,
                LogOptions = input.LogOptions,
                FlagKeys = flags,
                Rootless = daemon is not null && HostProbe.ProcessUid(daemon.Pid) is > 0,
                SeccompProfileIsWeak = IsWeakSeccompProfile(DaemonSettingsBuilder.Build(null, path, text).Text("seccomp-profile"), host),
            };
        }

        /// <summary>True when the named profile file allows every syscall; an unreadable file is left alone.</summary>
        private static bool IsWeakSeccompProfile(string? profile, IOperationHost host)
        {
            if (profile is null || SeccompProfiles.IsUnconfined(profile) || SeccompProfiles.IsBuiltIn(profile))
            {
                return false;
            }

            try
            {
                return !SeccompProfileAnalysis.Analyse(SafeFile.ReadAllText(profile)).BlocksAnything;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
            {
                host.WriteWarning($"DH012: the seccomp profile {profile} could not be judged ({e.Message}); \"seccomp-profile\" is left as it is.");
                return false;
            }
        }
    }
}
