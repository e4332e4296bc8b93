using DockerHarden.Secrets;

namespace DockerHarden.Models
{
    /// <summary>The result of one rule for one target (a container, a compose service or the daemon).</summary>
    public sealed class HardeningFinding
    {
        /// <summary>Creates a finding.</summary>
        public HardeningFinding(string ruleId, string name, string title, Severity severity, FindingStatus status,
            string target, string evidence, string remediation, string seedSection, string cisId, string? waiverReason = null)
            : this(ruleId, name, title, severity, status, target, evidence, remediation, seedSection, cisId, waiverReason, null, null)
        {
        }

        /// <summary>Creates a finding located in a file (compose view): the file, line and column of the key that decided it.</summary>
        public HardeningFinding(string ruleId, string name, string title, Severity severity, FindingStatus status,
            string target, string evidence, string remediation, string seedSection, string cisId, string? waiverReason, int? line, int? column,
            string? file = null, string? key = null)
        {
            Key = key;
            File = file;
            Line = line;
            Column = column;
            RuleId = ruleId;
            Name = name;
            Title = title;
            Severity = severity;
            Status = status;
            Target = target;
            // The one door every finding passes: rule evidence, compose locations, waivers and exports all read it. The
            // catalog's remediation texts are ours; a rule's finding-specific one is masked where it is made (RuleOutcome).
            Evidence = SecretMask.Text(evidence);
            Remediation = remediation;
            SeedSection = seedSection;
            CisId = cisId;
            WaiverReason = waiverReason is null ? null : SecretMask.Text(waiverReason);
        }

        /// <summary>Stable rule id from the catalog, for example DH101.</summary>
        public string RuleId { get; }

        /// <summary>The rule's short name, for example RunAsNonRootUser.</summary>
        public string Name { get; }

        /// <summary>What the rule asks for, in one line.</summary>
        public string Title { get; }

        /// <summary>Severity of this finding (a rule may raise it for its worst case).</summary>
        public Severity Severity { get; }

        /// <summary>
        /// The severity as a number, Info 0 to Critical 4: it stays comparable after Export-Clixml or a job, where
        /// Severity arrives as its name (<c>SeverityRank -ge 3</c> means High or worse).
        /// </summary>
        public int SeverityRank => (int)Severity;

        /// <summary>Pass, Fail, Warn, NotApplicable or Waived.</summary>
        public FindingStatus Status { get; }

        /// <summary>What was checked: container name, compose service or daemon endpoint.</summary>
        public string Target { get; }

        /// <summary>The facts that decided the status. Never contains a secret value.</summary>
        public string Evidence { get; }

        /// <summary>The exact flag, compose key or daemon.json key that fixes it.</summary>
        public string Remediation { get; }

        /// <summary>Section of the users' hardening guide, or "-" when the rule comes from CIS only.</summary>
        public string SeedSection { get; }

        /// <summary>CIS Docker Benchmark v1.6 id, or "-".</summary>
        public string CisId { get; }

        /// <summary>
        /// Compose view: the file that holds the key that decided the finding (with several files merged, the one
        /// whose value won; the service's file when the key is absent); null for containers.
        /// </summary>
        public string? File { get; }

        /// <summary>Compose view: 1-based line of the key that decided the finding (the service's line when the key is absent); null for containers.</summary>
        public int? Line { get; }

        /// <summary>Compose view: 1-based column of that key; null for containers.</summary>
        public int? Column { get; }

        /// <summary>
        /// Service view: the key of the service spec that decided the finding, as docker service inspect shows it (for
        /// example Spec.TaskTemplate.ContainerSpec.User); null for the other views.
        /// </summary>
        public string? Key { get; }

        /// <summary>Why a policy waived this finding (Status Waived); null otherwise.</summary>
        public string? WaiverReason { get; }

        /// <summary>A copy of this finding with another status, evidence and waiver reason (its place in a file kept).</summary>
        internal HardeningFinding With(FindingStatus status, string evidence, string? waiverReason) =>
            new(RuleId, Name, Title, Severity, status, Target, evidence, Remediation, SeedSection, CisId, waiverReason, Line, Column, File, Key);

        /// <summary>A short line for logs.</summary>
        public override string ToString() => $"{RuleId} {Status} {Target}: {Evidence}";
    }
}
