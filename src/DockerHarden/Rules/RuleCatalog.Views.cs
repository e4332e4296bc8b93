using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules
{
    internal static partial class RuleCatalog
    {
        /// <summary>Every rule of every view, in id order: the one source for Get-HardeningRule and the docs.</summary>
        public static IReadOnlyList<HardeningRule> All() =>
            ContainerRules.Select(r => ToPublic(r.Info, r.Description, r.Rationale, r.Fix, FixViews.ViewsOf(daemonRule: false)))
                .Concat(DaemonRules.Select(r => ToPublic(r.Info, r.Description, r.Rationale, r.Fix, FixViews.ViewsOf(daemonRule: true))))
                .Concat(ImageRules.Select(r => ToPublic(r.Info, r.Description, r.Rationale, r.Fix, new[] { RuleView.Image })))
                .OrderBy(r => r.Id, System.StringComparer.Ordinal)
                .ToList();

        /// <summary>The catalog's instance of a container rule: views name rules by type, never by an id string.</summary>
        public static T Rule<T>() where T : ContainerRule => ContainerRules.OfType<T>().First();

        /// <summary>The id of a container rule, for messages ("(DH116)").</summary>
        public static string Id<T>() where T : ContainerRule => Rule<T>().Info.Id;

        // Views, fixability and safety are derived from the rule's kind, its fix and FixViews: never kept by hand.
        private static HardeningRule ToPublic(RuleInfo info, string description, string rationale, RuleFix fix, IReadOnlyList<RuleView> views) =>
            new(info.Id, info.Name, info.Title, info.Severity, views, info.SeedSection, info.CisId, info.Remediation,
                description, rationale,
                fix.Safety.ToString(),
                views.Where(v => FixViews.Fixable(v, fix)),
                string.Join(" + ", fix.Steps.Select(s => s.Describe(FixDefaults.BuiltIn))),
                fix.HasSteps
                    ? views.Select(v => (View: v, Why: fix.Steps.Select(s => FixViews.NotFixable(v, s)).FirstOrDefault(w => w is not null)))
                        .Where(p => p.Why is not null).Select(p => $"{p.View}: {p.Why}")
                    : Enumerable.Empty<string>());
    }
}
