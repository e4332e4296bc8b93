using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Completion;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>Lists the rule catalog: id, name, severity, views, guide section, CIS id and remediation.</summary>
    [Cmdlet(VerbsCommon.Get, "HardeningRule", HelpUri = HelpLinks.Base + "Get-HardeningRule.md")]
    [OutputType(typeof(HardeningRule))]
    public sealed class GetHardeningRuleCommand : PSCmdlet
    {
        // Findings of 40 containers name each rule 40 times: every rule is written once per call.
        private readonly HashSet<string> _written = new(StringComparer.Ordinal);

        /// <summary>Rule ids or names to show; wildcards allowed. All rules when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("RuleId", "Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? Id { get; set; }

        /// <summary>Only rules evaluated by this view.</summary>
        [Parameter]
        public RuleView? View { get; set; }

        /// <summary>Only rules whose default severity is at least this.</summary>
        [Parameter]
        public Severity MinimumSeverity { get; set; } = Severity.Info;

        /// <summary>Writes the matching catalog entries.</summary>
        protected override void ProcessRecord()
        {
            foreach (var pattern in Id ?? Array.Empty<string>())
            {
                if (!WildcardPattern.ContainsWildcardCharacters(pattern) && !RuleCatalog.All().Any(r => RuleCatalog.Matches(pattern, r.Id, r.Name)))
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No rule has the id or name '{pattern}'."),
                        "RuleNotFound", ErrorCategory.ObjectNotFound, pattern));
                }
            }

            var rules = RuleCatalog.All()
                .Where(r => Id is null || Id.Length == 0 || Id.Any(p => RuleCatalog.Matches(p, r.Id, r.Name)))
                .Where(r => View is null || r.Views.Contains(View.Value))
                .Where(r => r.Severity >= MinimumSeverity)
                .Where(r => _written.Add(r.Id));
            WriteObject(rules, enumerateCollection: true);
        }
    }
}
