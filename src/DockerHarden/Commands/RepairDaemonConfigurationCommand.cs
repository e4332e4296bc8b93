using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using DockerHarden.Completion;
using DockerHarden.Daemon;
using DockerHarden.Facts;
using DockerHarden.Files;
using DockerHarden.Loading;
using DockerHarden.Models;
using DockerHarden.Repair;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Writes the daemon.json changes that fix DH004, DH005, DH006, DH009, DH011, DH012, DH014, DH015, DH016, DH017
    /// and DH020, keeping every other key and its order, with a backup and an atomic write.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "DaemonConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Repair-DaemonConfiguration.md")]
    [OutputType(typeof(DaemonRepairResult))]
    public sealed class RepairDaemonConfigurationCommand : PSCmdlet
    {
        /// <summary>The engine whose dockerd reads the file; binds from a DaemonHardeningReport's DockerHost.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("HostAddress")]
        public string? DockerHost { get; set; }

        /// <summary>The daemon.json to repair; without it, the file the engine's dockerd reads.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ConfigPath", "FullName")]
        public string? Path { get; set; }

        /// <summary>Fix only these rules (ids or names, wildcards allowed); all fixable rules by default.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? Rule { get; set; }

        /// <summary>Do not fix these rules (ids or names, wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? ExcludeRule { get; set; }

        /// <summary>The default log driver to write for DH011, for example syslog, gelf or fluentd; needs -LogOption.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogDriver { get; set; }

        /// <summary>The log-opts to write with -LogDriver, for example @{ 'syslog-address' = 'tcp+tls://loghost:6514' }.</summary>
        [Parameter]
        public Hashtable? LogOption { get; set; }

        /// <summary>Do not keep the copy of daemon.json (FILE.yyyyMMdd-HHmmss.bak, UTC) that is made by default before it is changed.</summary>
        [Parameter]
        public SwitchParameter NoBackup { get; set; }

        /// <summary>Restart dockerd after writing (through systemd only); without it the engine is never restarted.</summary>
        [Parameter]
        public SwitchParameter Restart { get; set; }

        /// <summary>Repairs one daemon.json per input.</summary>
        protected override void ProcessRecord()
        {
            if (MyInvocation.ExpectingInput && string.IsNullOrEmpty(DockerHost) && string.IsNullOrEmpty(Path))
            {
                // A piped object that names neither engine nor file must not fall back to the default engine's file.
                WriteError(new ErrorRecord(new ArgumentException(
                        "A pipeline input carries neither a DockerHost nor a Path (or ConfigPath/FullName) value: it is skipped, not taken as the default engine's daemon.json."),
                    "PipelineInputWithoutName", ErrorCategory.InvalidArgument, null));
                return;
            }

            var endpoint = ResolveEndpoint();
            var daemon = endpoint is null ? null : LocalDaemonProbe.FindDaemon(endpoint);
            // A report of a remote engine carries an empty ConfigPath: that means "unknown", not a file named "".
            var path = !string.IsNullOrEmpty(Path) ? SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path) : daemon?.ConfigFile;
            var notes = new List<string>();
            if (daemon is not null && path is not null && System.IO.Path.GetFullPath(daemon.ConfigFile) != System.IO.Path.GetFullPath(path))
            {
                // Another daemon's flags would make wrong conflicts, and restarting it would not load this file.
                notes.Add($"{path} is not the file dockerd pid {daemon.Pid} at {endpoint} reads ({daemon.ConfigFile}): its flags were not compared and it is not restarted.");
                daemon = null;
            }

            if (path is null)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException(
                        $"No dockerd serving {endpoint} is visible from here, so its daemon.json is unknown. Name the file with -Path."),
                    "DaemonConfigNotFound", ErrorCategory.ObjectNotFound, endpoint));
                return;
            }

            DaemonConfigDocument document;
            try
            {
                document = DaemonConfigReader.Read(path);
            }
            catch (FileRefusedException e)
            {
                WriteError(FileErrors.Record(e, path));
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, "DaemonConfigUnreadable", ErrorCategory.ReadError, path));
                return;
            }

            // A file DH021 does not pass is never edited: dockerd cannot load it, or loads it otherwise than it says, and an
            // edit would either keep it broken or silently turn what it says into what dockerd happens to read.
            if (document.Error is { } error)
            {
                WriteError(new ErrorRecord(new FormatException(
                        $"{error}. The file was not changed: fix it first (dockerd cannot load it either; Test-DaemonHardening lists every problem as DH021)."),
                    "DaemonConfigInvalid", ErrorCategory.ParserError, path));
                return;
            }

            if (document.Warnings.Count > 0)
            {
                WriteError(new ErrorRecord(new FormatException(
                        $"{document.Warnings[0]}. The file was not changed: dockerd loads it otherwise than it says (DH021), and a repair would make that silent. Fix it first."),
                    "DaemonConfigInvalid", ErrorCategory.ParserError, path));
                return;
            }

            WriteVerbose($"Repairing {path} for {endpoint ?? "no known engine"}" +
                (daemon is null ? " (no local dockerd serves it: its flags are not compared)." : $" (dockerd pid {daemon.Pid}; its command-line flags are compared)."));
            var plan = DaemonRepairPlanner.Plan(document.Text, BuildRequest(daemon, path, document.Text));
            WriteVerbose($"Plan: {plan.Changes.Count} change(s){(plan.Changes.Count > 0 ? ": " + string.Join(", ", plan.Changes.Select(c => $"{c.RuleId} {c.Key}")) : "")}.");
            if (plan.Changes.Count > 0 && DaemonConfigValidator.Check(path, plan.NewText) is { IsClean: false } check)
            {
                // The planner writes only keys it knows, with their types; this is the last guard before the disk.
                var problem = check.Refusals.Concat(check.Warnings).First();
                WriteError(new ErrorRecord(new InvalidOperationException(
                        $"The repaired {path} would not load in dockerd as intended ({problem.Message}, at line {problem.Line}, column {problem.Column} of the new text). Nothing was written."),
                    "DaemonRepairInvalid", ErrorCategory.InvalidResult, path));
                return;
            }
            foreach (var warning in plan.Warnings)
            {
                WriteWarning(warning);
            }

            notes.AddRange(plan.Notes);
            var changes = plan.Changes.Select(c => new DaemonConfigChange(c.RuleId, c.Key, c.Before, c.After)).ToList();
            string? backup = null;
            bool applied = false, restarted = false;
            var summary = string.Join(", ", plan.Changes.Select(c => c.After is null ? $"remove {c.Key}" : $"{c.Key}={c.After}"));
            if (changes.Count > 0 && ShouldProcess(path, $"Write {changes.Count} change(s) to daemon.json: {summary}"))
            {
                try
                {
                    if (document.Snapshot.IsSymlink)
                    {
                        WriteVerbose($"{path} is a symlink: writing through it to {document.Snapshot.RealPath}, the link stays.");
                    }

                    backup = DaemonConfigWriter.Write(document.Snapshot, plan.NewText, backup: !NoBackup, DateTime.UtcNow);
                    applied = true;
                }
                catch (FileRefusedException e)
                {
                    WriteError(FileErrors.Record(e, path));
                    return;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(new IOException(
                            $"{path} could not be written: {e.Message.TrimEnd('.')}. The original is unchanged, and no temporary file or backup is left.", e),
                        "DaemonConfigWriteFailed", ErrorCategory.WriteError, path));
                    return;
                }

                if (Restart.IsPresent && ShouldProcess(endpoint ?? path, "Restart dockerd to load the new daemon.json"))
                {
                    var why = DaemonRestarter.Restart(daemon);
                    restarted = why is null;
                    if (why is null)
                    {
                        notes.Add($"dockerd restarted with 'systemctl restart {DaemonRestarter.SystemdUnit(daemon!.Pid)}'.");
                    }
                    else
                    {
                        WriteError(new ErrorRecord(new InvalidOperationException($"The file was written but dockerd was not restarted: {why}"),
                            "DaemonRestartFailed", ErrorCategory.NotImplemented, endpoint));
                    }
                }

                if (!restarted)
                {
                    notes.Add(DaemonRestarter.HowToRestart(daemon));
                }
            }

            WriteObject(new DaemonRepairResult(path, endpoint ?? "", changes, backup, applied, applied && !restarted, restarted, notes, plan.Warnings));
        }

        /// <summary>The endpoint as the other cmdlets resolve it; null when only -Path was given and nothing else is known.</summary>
        private string? ResolveEndpoint()
        {
            try
            {
                // Creating the client resolves DOCKER_HOST and docker contexts; it does not connect.
                using var gateway = AdapterLoader.Factory.OpenDocker(DockerHost);
                return gateway.Endpoint;
            }
            catch (EngineException e)
            {
                if (!string.IsNullOrEmpty(Path) && DockerHost is null)
                {
                    return null; // a file repair does not need the engine
                }

                ThrowTerminatingError(DockerCmdlet.EngineError(e));
                throw; // not reached
            }
        }

        private DaemonRepairRequest BuildRequest(DaemonProcess? daemon, string path, string text)
        {
            var selected = RuleSelection.Select(this, RuleCatalog.DaemonRules, r => r.Info, Rule, ExcludeRule, "daemon")
                .Select(r => r.Info.Id).Where(id => DaemonRepairPlanner.FixableRules.Contains(id)).ToList();
            var flags = DaemonSettingsBuilder.Build(daemon, path, "").All.Where(s => s.FromFlag).ToDictionary(s => s.Key, s => s);
            var options = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in LogOption ?? new Hashtable())
            {
                options[entry.Key.ToString() ?? ""] = entry.Value?.ToString() ?? "";
            }

            return new DaemonRepairRequest
            {
                Rules = selected,
                LogDriver = LogDriver,
                LogOptions = options,
                FlagKeys = flags,
                Rootless = daemon is not null && HostProbe.ProcessUid(daemon.Pid) is > 0,
                SeccompProfileIsWeak = IsWeakSeccompProfile(DaemonSettingsBuilder.Build(null, path, text).Text("seccomp-profile")),
            };
        }

        /// <summary>True when the named profile file allows every syscall; an unreadable file is left alone.</summary>
        private bool IsWeakSeccompProfile(string? profile)
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
                WriteWarning($"DH012: the seccomp profile {profile} could not be judged ({e.Message}); \"seccomp-profile\" is left as it is.");
                return false;
            }
        }
    }
}
