using System.Collections.Generic;
using System.Linq;
using DockerHarden.Adapters.Compose;
using DockerHarden.Rules;
using DockerHarden.Views.Compose;

namespace DockerHarden.Tests
{
    /// <summary>Compose documents from YAML text, through the same reader the module uses.</summary>
    internal static class ComposeGiven
    {
        public const string Path = "/srv/demo/docker-compose.yml";

        public static ComposeDocument Parse(string yaml, string path = Path) => ComposeReader.Parse(yaml, path);

        public static ComposeProject Project(params string[] yamls) =>
            ComposeResolver.Resolve(yamls.Select((y, i) => Parse(y, i == 0 ? Path : $"/srv/demo/override{i}.yml")).ToList());

        public static IReadOnlyList<ServiceAudit> Audit(string yaml) =>
            ComposeAuditor.Audit(Project(yaml), RuleCatalog.ContainerRules);

        public static RepairPlan Repair(string yaml, RepairOptions? options = null) =>
            ComposeRepairer.Plan(yaml, Path, (text, path) => ComposeReader.Parse(text, path), options ?? new RepairOptions());
    }
}
