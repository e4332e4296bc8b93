using DockerHarden.Models;

namespace DockerHarden.Rules
{
    /// <summary>A rule's catalog entry (RULES.md): stable id, name, default severity and where it comes from.</summary>
    public sealed class RuleInfo
    {
        /// <summary>Creates a catalog entry.</summary>
        public RuleInfo(string id, string name, string title, Severity severity, string seedSection, string cisId, string remediation)
        {
            Id = id;
            Name = name;
            Title = title;
            Severity = severity;
            SeedSection = seedSection;
            CisId = cisId;
            Remediation = remediation;
        }

        /// <summary>Stable id, for example DH101.</summary>
        public string Id { get; }
        /// <summary>Short name, for example RunAsNonRootUser.</summary>
        public string Name { get; }
        /// <summary>What the rule asks for.</summary>
        public string Title { get; }
        /// <summary>Default severity.</summary>
        public Severity Severity { get; }
        /// <summary>Section of the users' hardening guide, or "-".</summary>
        public string SeedSection { get; }
        /// <summary>CIS Docker Benchmark v1.6 id, or "-".</summary>
        public string CisId { get; }
        /// <summary>The generic fix: run flag / compose key / daemon.json key.</summary>
        public string Remediation { get; }
    }
}
