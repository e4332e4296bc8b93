using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Models;
using DockerHarden.Policy;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>
    /// What every audit cmdlet shares after the rules ran: the policy's waivers, the output (reports, or with -Failed the
    /// failing findings), and the -FailOn gate, which comes after all output so that a script can still capture and
    /// export the reports. Without -EnableExit a crossed gate is the non-terminating HardeningThresholdExceeded ($? is
    /// false; -ErrorAction Stop makes it end the script); with -EnableExit it is a warning and the process exit code 1.
    /// </summary>
    internal sealed class AuditGate
    {
        private const int MaxTargetsInMessage = 10;
        private const int MaxRulesPerTarget = 8;

        private readonly PSCmdlet _cmdlet;
        private readonly Severity? _threshold;
        private readonly bool _enableExit;
        private readonly bool _failedOnly;
        private readonly HashSet<Waiver> _expired = new();
        private readonly List<HardeningGateTarget> _exceeding = new();
        private readonly List<string> _rulesNotFound = new();
        private readonly List<string> _notAudited = new();
        private int _observed;

        private AuditGate(PSCmdlet cmdlet, HardeningPolicy policy, Severity? threshold, bool enableExit, bool failedOnly)
        {
            _cmdlet = cmdlet;
            Policy = policy;
            _threshold = threshold;
            _enableExit = enableExit;
            _failedOnly = failedOnly;
        }

        public HardeningPolicy Policy { get; }

        /// <summary>
        /// Loads the policy (see <see cref="PolicyLoader"/>) and reads -EnableExit and -Failed. The gate is armed when
        /// -FailOn or -EnableExit was given (-EnableExit alone gates at the default -FailOn, High), unless the cmdlet
        /// answers otherwise (<paramref name="canGate"/> false: Test-DaemonHardening -Quiet answers with its boolean).
        /// </summary>
        public static AuditGate Open(PSCmdlet cmdlet, string? policyPath, Severity failOn, bool canGate = true)
        {
            var bound = cmdlet.MyInvocation.BoundParameters;
            bool Switch(string name) => bound.TryGetValue(name, out var value) && value is SwitchParameter { IsPresent: true };
            var enableExit = Switch("EnableExit");
            var threshold = (bound.ContainsKey("FailOn") || enableExit) && canGate ? failOn : (Severity?)null;
            return new AuditGate(cmdlet, PolicyLoader.Load(cmdlet, policyPath), threshold, enableExit, Switch("Failed"));
        }

        /// <summary>-Rule/-ExcludeRule through <see cref="RuleSelection"/>; an id that names no rule also fails an armed gate.</summary>
        public IReadOnlyList<T> SelectRules<T>(IEnumerable<T> catalog, Func<T, RuleInfo> info, string[]? include, string[]? exclude, string kind) =>
            RuleSelection.Select(_cmdlet, catalog, info, include, exclude, kind, _rulesNotFound);

        /// <summary>Applies the waivers to one target's findings.</summary>
        public IReadOnlyList<HardeningFinding> Waive(IEnumerable<HardeningFinding> findings) =>
            WaiverApplier.Apply(findings, Policy.Waivers, DateTime.Today, _expired);

        /// <summary>
        /// Writes one target's result (the report, or with -Failed its Fail findings) and notes its non-waived failures at
        /// or above the gate's severity.
        /// </summary>
        public void Emit(string target, HardeningReport report)
        {
            Observe(target, report.Findings);
            if (_failedOnly)
            {
                _cmdlet.WriteObject(report.Findings.Where(f => f.Status == FindingStatus.Fail), enumerateCollection: true);
            }
            else
            {
                _cmdlet.WriteObject(report);
            }
        }

        /// <summary>Notes the target's non-waived failures at or above the gate's severity, without writing anything.</summary>
        public void Observe(string target, IEnumerable<HardeningFinding> findings)
        {
            _observed++;
            if (_threshold is { } threshold)
            {
                var failing = findings.Where(f => f.Status == FindingStatus.Fail && f.Severity >= threshold)
                    .Select(f => f.RuleId).Distinct(StringComparer.Ordinal).ToList();
                if (failing.Count > 0)
                {
                    _exceeding.Add(new HardeningGateTarget(target, failing));
                }
            }
        }

        /// <summary>Something that was asked for could not be audited (an engine, a container): an armed gate fails.</summary>
        public void NotAudited(string what) => _notAudited.Add(what);

        /// <summary>The whole call fails with a terminating error (one engine unreachable): -EnableExit still sets exit code 1.</summary>
        public void ExitOnWholeCallFailure()
        {
            if (_enableExit)
            {
                TrySetExitCode();
            }
        }

        /// <summary>Warns about expired waivers, then fails the run when the gate was crossed.</summary>
        public void Complete()
        {
            foreach (var waiver in _expired.OrderBy(w => w.Line))
            {
                _cmdlet.WriteWarning($"The waiver for {waiver.Rule} on '{waiver.Target}' ({Policy.Path}, line {waiver.Line}) expired on " +
                    $"{waiver.Expires:yyyy-MM-dd} and no longer applies.");
            }

            if (_threshold is not { } threshold)
            {
                return;
            }

            if (_exceeding.Count == 0 && _rulesNotFound.Count == 0 && _notAudited.Count == 0)
            {
                _cmdlet.WriteVerbose($"Gate: passed; none of {_observed} target(s) failed a rule at or above {threshold}.");
                return;
            }

            var failure = new HardeningGateFailure(threshold, _exceeding.ToList(), _rulesNotFound.ToList(), _notAudited.ToList());
            var message = Message(failure);
            _cmdlet.WriteVerbose($"Gate: failed. {message}");
            var record = new ErrorRecord(new InvalidOperationException(message), "HardeningThresholdExceeded", ErrorCategory.SecurityError, failure);
            if (_enableExit && TrySetExitCode())
            {
                // A warning, not an error: under $ErrorActionPreference = 'Stop' an error would end the script before
                // it exported the reports; the exit code fails the job once the script has finished.
                _cmdlet.WriteWarning($"{message} The process exits with code 1 when the script ends (-EnableExit).");
                return;
            }

            _cmdlet.WriteError(record);
        }

        /// <summary>The gate's message: the failing rules per target, bounded so that a fleet does not flood the log.</summary>
        internal static string Message(HardeningGateFailure failure)
        {
            var parts = new List<string>();
            if (failure.Targets.Count > 0)
            {
                var listed = failure.Targets.Take(MaxTargetsInMessage).Select(t =>
                    $"{t.Target} ({string.Join(", ", t.RuleIds.Take(MaxRulesPerTarget))}{(t.RuleIds.Count > MaxRulesPerTarget ? $", +{t.RuleIds.Count - MaxRulesPerTarget} more" : "")})");
                parts.Add($"{failure.Targets.Count} target(s) failed a rule at or above {failure.Threshold}: {string.Join(", ", listed)}" +
                    (failure.Targets.Count > MaxTargetsInMessage ? $", and {failure.Targets.Count - MaxTargetsInMessage} more" : "") + ".");
            }

            if (failure.RulesNotFound.Count > 0)
            {
                parts.Add($"-Rule/-ExcludeRule name(s) no rule: {string.Join(", ", failure.RulesNotFound.Take(MaxTargetsInMessage))}; a gate with a mistyped rule does not pass.");
            }

            if (failure.NotAudited.Count > 0)
            {
                parts.Add($"Not audited: {string.Join(", ", failure.NotAudited.Take(MaxTargetsInMessage))}" +
                    (failure.NotAudited.Count > MaxTargetsInMessage ? $", and {failure.NotAudited.Count - MaxTargetsInMessage} more" : "") + ".");
            }

            return string.Join(" ", parts);
        }

        /// <summary>
        /// Host.SetShouldExit(1), for hosts that honour it (pwsh -File/-Command). A job or remote host, or the default
        /// host of a [powershell] instance, would ignore it or act on another process: there the gate stays an error.
        /// </summary>
        private bool TrySetExitCode()
        {
            var host = _cmdlet.Host;
            if (host is null || host.Name is "ServerRemoteHost" or "Default Host")
            {
                return false;
            }

            try
            {
                host.SetShouldExit(1);
                return true;
            }
            catch (Exception e) when (e is NotImplementedException or NotSupportedException or PSNotImplementedException or InvalidOperationException)
            {
                return false;
            }
        }
    }
}
