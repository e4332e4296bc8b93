using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Files;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;
using DockerHarden.Verify;
using DockerHarden.Views.Compose;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Fixes compose files with surgical text edits: comments, order, quoting, style, anchors, BOM and line ends stay
    /// as they are. Safe fixes by default; fixes that change connectivity or data only when named with -Rule.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "ComposeFile", DefaultParameterSetName = LiteralPathSet, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, HelpUri = HelpLinks.Base + "Repair-ComposeFile.md")]
    [OutputType(typeof(ComposeRepairResult))]
    public sealed class RepairComposeFileCommand : ComposeFileCmdlet
    {
        private RepairOptions _options = new();

        /// <summary>Capabilities that DH103 keeps in cap_add although they are sensitive.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? KeepCapability { get; set; }

        /// <summary>The memory limit written where none is set, for example 512m (default 256m).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Memory { get; set; }

        /// <summary>The CPU limit written where none is set (default 1.0).</summary>
        [Parameter]
        [ValidateRange(0.01, 1024.0)]
        public double? Cpus { get; set; }

        /// <summary>The process limit written where none is set (default 100).</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int? PidsLimit { get; set; }

        /// <summary>A policy file whose defaults (memory, cpus, pidsLimit) apply where no parameter is given; without it, DOCKERHARDEN_POLICY.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Policy { get; set; }

        /// <summary>Do not keep the copy of each changed file (FILE.yyyyMMdd-HHmmss.bak, UTC) that is made by default.</summary>
        [Parameter]
        public SwitchParameter NoBackup { get; set; }

        /// <summary>Before writing, start each changed service with its fixes in a throwaway project on the engine and keep only the fixes it survives.</summary>
        [Parameter]
        public SwitchParameter Verify { get; set; }

        /// <summary>How long -Verify watches each run (default 10): the service must stay running, healthy when it has a healthcheck, and not be OOM-killed.</summary>
        [Parameter]
        [ValidateRange(1, 600)]
        public int VerifySeconds { get; set; } = 10;

        /// <summary>With -Verify, pull images that are not on the engine (without it a missing image is ImageNotFound for that service).</summary>
        [Parameter]
        public SwitchParameter Pull { get; set; }

        private readonly HashSet<string> _repaired = new(StringComparer.Ordinal);

        /// <summary>
        /// Writes the repair as a patch to this file instead of changing the compose files: a unified diff with nothing
        /// masked (secret values included, so that it applies), naming each file relative to the patch's folder; created
        /// with the owner, group and mode of the first compose file. One patch for every file of the call.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? PatchPath { get; set; }

        private string? _patchPath;
        private readonly List<(ComposeRepairResult Result, string Patch, FileStatus? Status)> _patches = new();

        /// <summary>Checks the parameters once and decides which rules are fixed.</summary>
        protected override void BeginProcessing()
        {
            var defaults = PolicyLoader.Load(this, Policy).Defaults;
            var memory = Memory ?? defaults.Memory;
            var cpus = Cpus ?? defaults.Cpus;
            if (memory is not null && (ComposeValues.ParseBytes(memory) ?? 0) <= 0)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException($"The memory limit '{memory}' is not a size such as 256m or 1g."),
                    "InvalidMemoryValue", ErrorCategory.InvalidArgument, memory));
            }

            var selected = RuleSelection.Select(this, RuleCatalog.ContainerRules, r => r.Info, Rule, ExcludeRule, "container").ToList();
            var named = (Rule ?? Array.Empty<string>()).Where(p => !WildcardPattern.ContainsWildcardCharacters(p)).ToList();
            bool Named(RuleInfo info) => named.Any(p => string.Equals(p, info.Id, StringComparison.OrdinalIgnoreCase) ||
                string.Equals(p, info.Name, StringComparison.OrdinalIgnoreCase));
            _options = new RepairOptions
            {
                Rules = selected.Select(r => r.Info.Id).ToList(),
                Named = selected.Where(r => Named(r.Info)).Select(r => r.Info.Id).ToList(),
                KeepCapability = KeepCapability ?? Array.Empty<string>(),
                Defaults = FixDefaults.BuiltIn.With(memory, cpus, PidsLimit ?? defaults.PidsLimit, defaults.User),
            };
            bool Applied(ContainerRule r) => r.Fix.Safety == FixSafety.Safe || (r.Fix.Safety == FixSafety.NeedsDecision && _options.Named.Contains(r.Info.Id));
            var fixing = selected.Where(r => FixViews.Fixable(RuleView.Compose, r.Fix) && Applied(r)).Select(r => r.Info.Id).ToList();
            var deciding = selected.Where(r => FixViews.Fixable(RuleView.Compose, r.Fix) && !Applied(r)).Select(r => r.Info.Id).ToList();
            WriteVerbose($"Fixing {(fixing.Count == 0 ? "no rule" : string.Join(", ", fixing))}" +
                (deciding.Count == 0 ? "." : $"; {string.Join(", ", deciding)} only when named with -Rule."));
            _patchPath = PatchPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(PatchPath);
            NotePaths();
        }

        /// <summary>Repairs the files this pipeline record names; a file piped many times (a report per service) is repaired once.</summary>
        protected override void ProcessRecord() => ProcessPaths();

        /// <summary>Repairs the command line's files when the upstream pipeline was empty.</summary>
        protected override void EndProcessing()
        {
            ProcessPendingPaths();
            WritePatch();
        }

        /// <summary>
        /// -PatchPath: the patches of the call's files in one file (after ShouldProcess), then their results. The patch
        /// holds the files' secrets as they are, so it goes to that file only, never to an output stream.
        /// </summary>
        private void WritePatch()
        {
            if (_patchPath is null)
            {
                return;
            }

            var changed = _patches.Where(p => p.Patch.Length > 0).ToList();
            bool written = false;
            if (changed.Count > 0 && ShouldProcess(_patchPath,
                    $"Write a patch of {changed.Sum(p => p.Result.Changes.Length)} change(s) to {changed.Count} compose file(s), secret values unmasked"))
            {
                try
                {
                    AtomicFile.Write(_patchPath, overwrite: true, writer =>
                    {
                        foreach (var p in changed)
                        {
                            writer.Write(p.Patch);
                        }
                    }, changed[0].Status);
                    written = true;
                    WriteVerbose($"{_patchPath}: patch of {changed.Count} file(s) written; apply it with patch -p0 (or git apply) in {System.IO.Path.GetDirectoryName(_patchPath)}.");
                }
                catch (FileRefusedException e)
                {
                    WriteError(FileErrors.Record(e, _patchPath));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(new IOException($"Cannot write the patch file '{_patchPath}': {e.Message.TrimEnd('.')}. No compose file was changed.", e),
                        "PatchWriteFailed", ErrorCategory.WriteError, _patchPath));
                }
            }

            foreach (var p in _patches)
            {
                if (written && p.Patch.Length > 0)
                {
                    p.Result.PatchPath = _patchPath;
                }

                WriteObject(p.Result);
            }
        }

        /// <summary>Plans, verifies and (after ShouldProcess) writes each file on its own.</summary>
        internal override void ProcessFiles(IReadOnlyList<string> files)
        {
            foreach (var file in files)
            {
                if (_repaired.Add(file))
                {
                    RepairOne(file);
                }
                else
                {
                    WriteVerbose($"Skipping {file}: already repaired in this call.");
                }
            }
        }

        private void RepairOne(string file)
        {
            RepairPlan plan;
            bool bom;
            string text;
            FileSnapshot snapshot;
            try
            {
                // The snapshot is what the write checks against: a file changed since is not replaced.
                snapshot = SafeFile.Read(file);
                (bom, text) = ComposeText.Decode(snapshot.Bytes, file);
                plan = Cancellable(cancel => ComposeRepairer.Plan(text, file, (t, p) => Parse(t, p, cancel), _options, cancel));
            }
            catch (ComposeParseException e)
            {
                WriteError(ParseError(e));
                return;
            }
            catch (FileRefusedException e)
            {
                WriteError(FileErrors.Record(e, file));
                return;
            }
            catch (ComposeRepairException e)
            {
                WriteError(new ErrorRecord(e, "ComposeRepairInvalid", ErrorCategory.InvalidResult, file));
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException($"Cannot read the compose file '{file}': {e.Message}", e),
                    "ComposeFileUnreadable", ErrorCategory.ReadError, file));
                return;
            }

            foreach (var change in plan.Changes)
            {
                WriteVerbose($"{file}:{change.Line}: {change.RuleId} {change.Service}: planned '{change.Before}' -> '{change.After}'.");
            }

            foreach (var skip in plan.Skipped)
            {
                WriteVerbose($"{file}:{skip.Line}: {skip.RuleId} {skip.Service}: skipped, {skip.Reason.TrimEnd('.')}.");
            }

            var verification = Array.Empty<ComposeServiceVerification>();
            IEnumerable<ComposeSkip> skipped = plan.Skipped;
            if (Verify && plan.Changes.Count > 0)
            {
                var verified = VerifyPlan(file, text, plan);
                if (verified is null)
                {
                    return; // verification could not run: the file is not written
                }

                plan = verified.Plan;
                verification = verified.Services.ToArray();
                skipped = plan.Skipped.Concat(verified.Withheld);
            }

            ComposeRepairResult Result(string? backupPath, bool applied) =>
                new(file, plan.Changes, bom ? UnifiedDiff.WithByteOrderMark(plan.Diff) : plan.Diff, backupPath, applied, skipped) { Verification = verification };

            if (_patchPath is not null)
            {
                // The compose file stays as it is: the repair goes to the patch, written once all files are planned.
                var label = System.IO.Path.GetRelativePath(System.IO.Path.GetDirectoryName(_patchPath) ?? ".", file).Replace('\\', '/');
                var patch = plan.Changes.Count == 0 || plan.Diff.Length == 0 ? "" : plan.Patch(label);
                _patches.Add((Result(null, false), bom ? UnifiedDiff.WithByteOrderMark(patch) : patch, snapshot.Status));
                return;
            }

            if (plan.Changes.Count == 0 || plan.Diff.Length == 0)
            {
                WriteVerbose($"{file}: nothing to change.");
                WriteObject(Result(null, false));
                return;
            }

            var action = $"Apply {plan.Changes.Count} change(s) for {string.Join(", ", plan.Changes.Select(c => c.RuleId).Distinct())}";
            if (!ShouldProcess(file, action))
            {
                WriteObject(Result(null, false));
                return;
            }

            string? backup;
            try
            {
                if (snapshot.IsSymlink)
                {
                    WriteVerbose($"{file} is a symlink: writing through it to {snapshot.RealPath}, the link stays.");
                }

                backup = AtomicFile.Replace(snapshot, ComposeText.Encode(bom, plan.NewText), backup: !NoBackup, DateTime.UtcNow);
                WriteVerbose(backup is null ? $"{file}: no backup (-NoBackup)." : $"{file}: backup kept as {backup}.");
            }
            catch (FileRefusedException e)
            {
                WriteError(FileErrors.Record(e, file));
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException(
                        $"Cannot write the compose file '{file}': {e.Message.TrimEnd('.')}. The file is unchanged, and no temporary file or backup is left.", e),
                    "ComposeWriteFailed", ErrorCategory.WriteError, file));
                return;
            }

            WriteObject(Result(backup, true));
        }

        /// <summary>Runs -Verify on a plan; null (and an error written) when verification could not run.</summary>
        private VerifiedRepair? VerifyPlan(string file, string text, RepairPlan plan)
        {
            var progress = new ProgressRecord(1, $"Verifying the repair of {file}", "starting");
            void Log(string message)
            {
                WriteVerbose($"{file}: {message}");
                progress.StatusDescription = message.Length > 120 ? message.Substring(0, 120) : message;
                WriteProgress(progress);
            }

            try
            {
                var request = new VerifyRequest(file, text, _options, plan,
                    perService => Cancellable(cancel => ComposeRepairer.Plan(text, file, (t, p) => Parse(t, p, cancel), _options, cancel, perService)),
                    (t, p) => Parse(t, p, Cancellation), VerifySeconds, Pull, Log);
                var verified = Cancellable(cancel => ComposeVerifier.Run(request, new CliVerifyEngine(), cancel));
                foreach (var (service, image, message) in verified.MissingImages)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"{file}: service '{service}': {message}. Its fixes are withheld."),
                        "ImageNotFound", ErrorCategory.ObjectNotFound, image));
                }

                return verified;
            }
            catch (ComposeVerifyException e)
            {
                WriteError(new ErrorRecord(new InvalidOperationException($"Cannot verify the repair of '{file}': {e.Message.TrimEnd('.')}. The file was not changed.", e),
                    e.ErrorId, e.ErrorId == "ComposeVerifyUnavailable" ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidResult, file));
            }
            catch (ComposeParseException e)
            {
                WriteError(ParseError(e));
            }
            catch (ComposeRepairException e)
            {
                WriteError(new ErrorRecord(e, "ComposeRepairInvalid", ErrorCategory.InvalidResult, file));
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }

            return null;
        }
    }
}
