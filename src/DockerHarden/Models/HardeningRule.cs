using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>One entry of the rule catalog, as Get-HardeningRule shows it.</summary>
    public sealed class HardeningRule
    {
        /// <summary>Creates a catalog entry.</summary>
        public HardeningRule(string id, string name, string title, Severity severity, IEnumerable<RuleView> views,
            string seedSection, string cisId, string remediation, string description = "", string rationale = "",
            string fix = "None", IEnumerable<RuleView>? fixedIn = null, string fixSteps = "", IEnumerable<string>? notFixable = null)
        {
            Fix = fix;
            FixedIn = (fixedIn ?? Enumerable.Empty<RuleView>()).ToArray();
            FixSteps = fixSteps;
            NotFixable = (notFixable ?? Enumerable.Empty<string>()).ToArray();
            Description = description;
            Rationale = rationale;
            Id = id;
            Name = name;
            Title = title;
            Severity = severity;
            Views = views.ToArray();
            SeedSection = seedSection;
            CisId = cisId;
            Remediation = remediation;
        }

        /// <summary>Stable id, for example DH101; never reused.</summary>
        public string Id { get; }
        /// <summary>Short name, for example RunAsNonRootUser.</summary>
        public string Name { get; }
        /// <summary>What the rule asks for.</summary>
        public string Title { get; }
        /// <summary>Default severity (a finding may raise it for the worst case).</summary>
        public Severity Severity { get; }
        /// <summary>Severity as a number, Info 0 to Critical 4 (comparable after serialization).</summary>
        public int SeverityRank => (int)Severity;
        /// <summary>The views that evaluate the rule.</summary>
        public RuleView[] Views { get; }
        /// <summary>Section of the users' hardening guide, or "-".</summary>
        public string SeedSection { get; }
        /// <summary>CIS Docker Benchmark v1.6 id, or "-".</summary>
        public string CisId { get; }
        /// <summary>The fix: run flag / compose key / daemon.json key.</summary>
        public string Remediation { get; }
        /// <summary>
        /// How the fixing cmdlets treat the rule: Safe (applied by default), NeedsDecision (applied only when named with
        /// -Rule; otherwise listed in Skipped with what to decide) or None (the Remediation text only).
        /// </summary>
        public string Fix { get; }
        /// <summary>The views whose fixing cmdlet applies the fix (Compose: Repair-ComposeFile, Create: New-HardenedContainer, Daemon: Repair-DaemonConfiguration).</summary>
        public RuleView[] FixedIn { get; }
        /// <summary>The fix in the module's view-neutral vocabulary, for example SetMemoryLimit(256m).</summary>
        public string FixSteps { get; }
        /// <summary>Views that serve the rule but cannot apply its fix, each with the reason ("Compose: ...").</summary>
        public string[] NotFixable { get; }
        /// <summary>What the rule checks, in a few sentences.</summary>
        public string Description { get; }
        /// <summary>Why it matters: the attack or failure the rule prevents (hardening guide and CIS Docker Benchmark).</summary>
        public string Rationale { get; }
    }
}
