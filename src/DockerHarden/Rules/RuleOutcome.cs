using DockerHarden.Models;
using DockerHarden.Secrets;

namespace DockerHarden.Rules
{
    /// <summary>What a rule decided: status, evidence, and optionally a raised severity or a sharper fix.</summary>
    internal readonly struct RuleOutcome
    {
        private RuleOutcome(FindingStatus status, string evidence, Severity? severity, string? remediation)
        {
            Status = status;
            Evidence = evidence;
            Severity = severity;
            // A finding-specific fix may quote the container's own values (a flag, a command).
            Remediation = remediation is null ? null : SecretMask.Text(remediation);
        }

        public FindingStatus Status { get; }
        public string Evidence { get; }
        /// <summary>Overrides the catalog severity for this finding (for example Critical for --pid host).</summary>
        public Severity? Severity { get; }
        /// <summary>Overrides the catalog remediation with a finding-specific one.</summary>
        public string? Remediation { get; }

        public static RuleOutcome Pass(string evidence) => new(FindingStatus.Pass, evidence, null, null);
        public static RuleOutcome Fail(string evidence, Severity? severity = null, string? remediation = null) =>
            new(FindingStatus.Fail, evidence, severity, remediation);
        public static RuleOutcome Warn(string evidence, Severity? severity = null, string? remediation = null) =>
            new(FindingStatus.Warn, evidence, severity, remediation);
        public static RuleOutcome NotApplicable(string why) => new(FindingStatus.NotApplicable, why, null, null);
    }
}
