using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Models;
using DockerHarden.Policy;

namespace DockerHarden.Commands
{
    /// <summary>
    /// What every audit cmdlet shares after the rules ran: the policy's waivers, and the -FailOn gate that ends a
    /// run with HardeningThresholdExceeded once all output is written, so that CI jobs and runbooks fail.
    /// </summary>
    internal sealed class AuditGate
    {
        private readonly PSCmdlet _cmdlet;
        private readonly Severity? _threshold;
        private readonly HashSet<Waiver> _expired = new();
        private readonly List<string> _exceeding = new();

        private AuditGate(PSCmdlet cmdlet, HardeningPolicy policy, Severity? threshold)
        {
            _cmdlet = cmdlet;
            Policy = policy;
            _threshold = threshold;
        }

        public HardeningPolicy Policy { get; }

        /// <summary>
        /// Loads the policy (see <see cref="PolicyLoader"/>). The gate is armed only when -FailOn was given.
        /// </summary>
        public static AuditGate Open(PSCmdlet cmdlet, string? policyPath, Severity failOn)
        {
            var threshold = cmdlet.MyInvocation.BoundParameters.ContainsKey("FailOn") ? failOn : (Severity?)null;
            return new AuditGate(cmdlet, PolicyLoader.Load(cmdlet, policyPath), threshold);
        }

        /// <summary>Applies the waivers to one target's findings.</summary>
        public IReadOnlyList<HardeningFinding> Waive(IEnumerable<HardeningFinding> findings) =>
            WaiverApplier.Apply(findings, Policy.Waivers, DateTime.Today, _expired);

        /// <summary>Notes the target's non-waived failures at or above the gate's severity.</summary>
        public void Observe(string target, IEnumerable<HardeningFinding> findings)
        {
            if (_threshold is { } threshold && findings.Any(f => f.Status == FindingStatus.Fail && f.Severity >= threshold))
            {
                _exceeding.Add(target);
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

            if (_exceeding.Count > 0)
            {
                var message = $"{_exceeding.Count} target(s) failed a rule at or above {_threshold}: {string.Join(", ", _exceeding.Take(10))}" +
                    (_exceeding.Count > 10 ? ", ..." : "") + ".";
                _cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(message),
                    "HardeningThresholdExceeded", ErrorCategory.SecurityError, _exceeding.ToArray()));
            }
        }
    }
}
