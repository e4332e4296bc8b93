using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Views.Compose
{
    /// <summary>The audit of one service: its facts and one finding per evaluated rule.</summary>
    internal sealed class ServiceAudit
    {
        public ServiceAudit(ServiceFacts facts, IReadOnlyList<HardeningFinding> findings)
        {
            Facts = facts;
            Findings = findings;
        }

        public ServiceFacts Facts { get; }
        public IReadOnlyList<HardeningFinding> Findings { get; }
        public string Name => Facts.Service.Name;

        public HardeningFinding? Finding(string ruleId) => Findings.FirstOrDefault(f => f.RuleId == ruleId);

        /// <summary>True when the rule was evaluated and failed or warned.</summary>
        public bool Broken(string ruleId) => Finding(ruleId)?.Status is FindingStatus.Fail or FindingStatus.Warn;
    }

    /// <summary>
    /// Runs the container rules over compose services and adds the compose view's own reading where a file says
    /// less than a running container: host-dependent rules, an image's hidden healthcheck, values only known at run
    /// time. Each finding points at the line and column of the key that decided it. Pure.
    /// </summary>
    internal static class ComposeAuditor
    {
        /// <summary>
        /// A compose file does not say which engine will run it: judge against the engine's defaults (seccomp on,
        /// no-new-privileges off, json-file logs), and leave host-dependent rules to the host view.
        /// </summary>
        public static readonly EngineFacts DefaultEngine = new()
        {
            Endpoint = "compose",
            SecurityOptions = new[] { "name=seccomp,profile=default" },
            NoNewPrivilegesByDefault = false,
            NoNewPrivilegesSource = "compose view: the daemon is not consulted; the engine's default is off",
        };

        public static IReadOnlyList<ServiceAudit> Audit(ComposeProject project, IReadOnlyList<ContainerRule> rules, CancellationToken cancel = default,
            ImageUsers? images = null)
        {
            var audit = Auditor(project, rules, cancel, images);
            var result = new List<ServiceAudit>(project.Services.Count);
            foreach (var service in project.Services)
            {
                cancel.ThrowIfCancellationRequested();
                result.Add(audit(service));
            }

            return result;
        }

        /// <summary>
        /// Builds every service's facts and the fleet once, and returns a function that evaluates one service: a
        /// repair pass audits only the services it plans, without paying for the whole project each time. With images, a
        /// service without user: is judged by its local image's USER (null: the file alone is judged).
        /// </summary>
        public static Func<ResolvedService, ServiceAudit> Auditor(ComposeProject project, IReadOnlyList<ContainerRule> rules, CancellationToken cancel = default,
            ImageUsers? images = null)
        {
            var facts = new Dictionary<ResolvedService, ServiceFacts>(project.Services.Count, ReferenceEqualityComparer.Instance);
            foreach (var service in project.Services)
            {
                cancel.ThrowIfCancellationRequested();
                facts[service] = ComposeFactsBuilder.Build(service, project);
            }

            var fleet = Fleet(facts.Values);
            return service => new ServiceAudit(facts[service], Evaluate(facts[service], rules, fleet, images));
        }

        private static FleetFacts Fleet(IEnumerable<ServiceFacts> services)
        {
            var list = services.ToList();
            var members = list
                .SelectMany(s => s.Container.Networks.Where(n => n is not ("bridge" or "host" or "none")).Select(n => (Network: n, s.Container.Name)))
                .GroupBy(p => p.Network, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Name).Distinct().ToList(), StringComparer.Ordinal);
            // service:X and container:X joins name services of the same file (by service name or container_name).
            var known = list.Select(s => s.Container)
                .Concat(list.Select(s => (s.Container, Name: s.Service.Value.At("container_name")?.Raw ?? ""))
                    .Where(p => p.Name.Length > 0 && p.Name != p.Container.Name)
                    .Select(p => new ContainerFacts
                    {
                        Id = p.Name, Name = p.Name, NetworkMode = p.Container.NetworkMode, PidMode = p.Container.PidMode,
                        IpcMode = p.Container.IpcMode, UtsMode = p.Container.UtsMode,
                    }))
                .ToList();
            return new FleetFacts { NetworkMembers = members, Known = known };
        }

        private static List<HardeningFinding> Evaluate(ServiceFacts facts, IReadOnlyList<ContainerRule> rules, FleetFacts fleet, ImageUsers? images)
        {
            var context = new ContainerContext(facts.Container, DefaultEngine, fleet);
            var result = new List<HardeningFinding>(rules.Count);
            foreach (var rule in rules)
            {
                var outcome = rule.ReadsImageUser && NoUserKey(facts)
                    ? ImageUserReading(rule, facts, fleet, images)
                    : ComposeReading(rule, facts, rule.Evaluate(context));
                var (decisive, path) = Decisive(facts.Service, rule);
                var evidence = outcome.Evidence;
                if (decisive is not null && !decisive.Local)
                {
                    evidence += $" ({path} from {decisive.Via})";
                }

                // The key's own file: with override files merged, the line belongs to the file whose value won.
                var (at, file) = decisive?.Key is { } key ? (key, decisive.File) : (facts.Service.KeyNode, facts.Service.File);
                result.Add(new HardeningFinding(rule.Info.Id, rule.Info.Name, rule.Info.Title, outcome.Severity ?? rule.Info.Severity,
                    outcome.Status, facts.Service.Name, evidence, outcome.Remediation ?? rule.Info.Remediation, rule.Info.SeedSection,
                    rule.Info.CisId, null, at.Line, at.Column, file));
            }

            return result;
        }

        /// <summary>The first of the rule's keys present in the service, and its path.</summary>
        internal static (ResolvedNode? Node, string Path) Decisive(ResolvedService service, ContainerRule rule)
        {
            foreach (var path in ComposeSettingKeys.For(rule))
            {
                var node = service.Value.At(path);
                if (node is not null)
                {
                    return (node, path);
                }
            }

            return (null, "");
        }

        private static bool NoUserKey(ServiceFacts facts) =>
            facts.Service.Value[ComposeSettingKeys.Key(Setting.User)] is not { IsNull: false };

        // Without user: the process runs as the image's USER, which the file does not show: read it from a local image
        // when the caller gave an engine, else say that it is unknown rather than "runs as root".
        private static RuleOutcome ImageUserReading(ContainerRule rule, ServiceFacts facts, FleetFacts fleet, ImageUsers? images)
        {
            var image = facts.Container.Image;
            if (image.Length == 0)
            {
                return RuleOutcome.Warn("user is not set and no image is named: the service is built, and its Dockerfile's USER decides (not visible in the file)");
            }

            if (images is null)
            {
                return RuleOutcome.Warn($"user is not set, so the process runs as the USER that image '{image}' sets, which the file does not show " +
                    "(Get-ComposeHardening -DockerHost reads it from a local image)");
            }

            var found = images.Of(image);
            if (!found.Known)
            {
                return RuleOutcome.Warn($"user is not set, and the USER that image '{image}' sets is unknown: {found.Why}");
            }

            var withImageUser = new ContainerFacts { Id = facts.Container.Id, Name = facts.Container.Name, Image = image, User = found.User };
            var outcome = rule.Evaluate(new ContainerContext(withImageUser, DefaultEngine, fleet));
            var from = $"user is not set; image '{image}' on {images.Endpoint} has USER '{found.User}'";
            return outcome.Status == FindingStatus.Pass
                ? RuleOutcome.Pass(from)
                : RuleOutcome.Fail(found.User.Length == 0 ? $"user is not set and image '{image}' on {images.Endpoint} sets no USER: the process runs as root (uid 0)" : from + " (uid 0)");
        }

        // Where the compose view knows less (or more) than a container's inspect data: a shape compose rejects, a value
        // known only at run time, and the rule's own reading of a declaration (DeclaredService).
        private static RuleOutcome ComposeReading(ContainerRule rule, ServiceFacts facts, RuleOutcome outcome)
        {
            var keys = ComposeSettingKeys.For(rule);
            var malformed = keys.SelectMany(facts.MalformedFor).Distinct().ToList();
            if (malformed.Count > 0)
            {
                return RuleOutcome.Warn($"shape not understood: {string.Join("; ", malformed)}; compose or the engine rejects it, so the rule is not judged until it is fixed");
            }

            var unknown = keys.Where(k => facts.Unknown.ContainsKey(k) && !rule.JudgesUnknown(facts.Unknown[k])).ToList();
            if (unknown.Count > 0)
            {
                var what = string.Join(", ", unknown.Select(k => $"{k} is '{facts.Unknown[k]}'"));
                return RuleOutcome.Warn($"cannot judge: {what}, a variable without a default, known only when compose runs");
            }

            return rule.Declared(outcome, new DeclaredService(facts.Container, () => facts.Service.Value.Has("build")));
        }
    }
}
