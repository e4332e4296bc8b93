using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules
{
    internal static partial class RuleCatalog
    {
        private static readonly RuleView[] ContainerViews = { RuleView.Container, RuleView.Compose, RuleView.Create };

        /// <summary>Every rule of every view, in id order: the one source for Get-HardeningRule and the docs.</summary>
        public static IReadOnlyList<HardeningRule> All() =>
            ContainerRules.Select(r => ToPublic(r.Info, ContainerViews))
                .Concat(DaemonRules.Select(r => ToPublic(r.Info, new[] { RuleView.Daemon })))
                .OrderBy(r => r.Id, System.StringComparer.Ordinal)
                .ToList();

        /// <summary>The catalog's instance of a container rule: views name rules by type, never by an id string.</summary>
        public static T Rule<T>() where T : ContainerRule => ContainerRules.OfType<T>().First();

        /// <summary>The id of a container rule, for messages ("(DH116)").</summary>
        public static string Id<T>() where T : ContainerRule => Rule<T>().Info.Id;

        private static HardeningRule ToPublic(RuleInfo info, IEnumerable<RuleView> views) =>
            new(info.Id, info.Name, info.Title, info.Severity, views, info.SeedSection, info.CisId, info.Remediation,
                RuleTexts.Description(info.Id), RuleTexts.Rationale(info.Id));
    }
}
