using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Views.Service
{
    /// <summary>The image a service names, as the manager's engine knows it: null facts when it is not local there.</summary>
    internal sealed record ServiceImage(string Reference, ImageFacts? Facts, string Endpoint);

    /// <summary>
    /// Runs the container rules over Swarm services' task templates. A rule the engine's API version cannot express for
    /// services is NotApplicable (<see cref="ServiceApi"/>); what only the image shows (USER, HEALTHCHECK) is read from
    /// the manager's local image, else said to be unknown; each finding names the spec key that decided it. Pure.
    /// </summary>
    internal static class ServiceAuditor
    {
        /// <summary>
        /// Who shares which user-defined overlay: the services attached to it, by name (so the evidence does not depend on
        /// the manager's list order); ingress, the routing mesh, is left out.
        /// </summary>
        public static FleetFacts Fleet(IEnumerable<SwarmServiceFacts> services) => new()
        {
            NetworkMembers = services.OrderBy(s => s.Name, StringComparer.Ordinal)
                .SelectMany(s => s.Networks.Where(n => !n.Ingress && !ServiceFactsBuilder.IsHost(n)).Select(n => (Network: n.Name, s.Name)))
                .GroupBy(p => p.Network, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Name).Distinct().ToList(), StringComparer.Ordinal),
        };

        public static IReadOnlyList<HardeningFinding> Evaluate(SwarmServiceFacts service, ServiceImage? image, SwarmEngineFacts engine,
            FleetFacts fleet, IReadOnlyList<ContainerRule> rules)
        {
            var facts = ServiceFactsBuilder.Build(service, image?.Facts);
            var context = new ContainerContext(facts, engine.Engine, fleet);
            var result = new List<HardeningFinding>(rules.Count);
            foreach (var rule in rules)
            {
                var why = ServiceApi.NotExpressible(rule, engine.ApiVersion, service.SwapBytes is not null);
                var outcome = why is not null ? RuleOutcome.NotApplicable(why) : ServiceReading(rule, service, image, rule.Evaluate(context));
                result.Add(RuleEngine.ToFinding(rule.Info, outcome, service.Name, ServiceSettingKeys.For(rule)));
            }

            return result;
        }

        // What the spec does not show but the image decides: the USER and the HEALTHCHECK of an image that is not on the
        // manager are unknown, not "root" or "none".
        private static RuleOutcome ServiceReading(ContainerRule rule, SwarmServiceFacts service, ServiceImage? image, RuleOutcome evaluated)
        {
            bool imageUnknown = image?.Facts is null;
            var where = image is null ? "the manager" : image.Endpoint;
            if (rule.ReadsImageUser && service.User.Length == 0)
            {
                if (imageUnknown)
                {
                    return RuleOutcome.Warn($"ContainerSpec.User is not set, so the tasks run as the USER of image '{service.Image}', which is not on {where} " +
                        "(each node pulls it; its USER is unknown here)");
                }

                return evaluated.Status == FindingStatus.Pass
                    ? RuleOutcome.Pass($"ContainerSpec.User is not set; image '{service.Image}' on {where} has USER '{image!.Facts!.User}'")
                    : RuleOutcome.Fail($"ContainerSpec.User is not set and image '{service.Image}' on {where} sets " +
                        (image!.Facts!.User.Length == 0 ? "no USER: the tasks run as root (uid 0)" : $"USER '{image.Facts.User}' (uid 0)"));
            }

            if (rule.Reads.Contains(Setting.Healthcheck) && service.HealthcheckTest is null && imageUnknown && evaluated.Status == FindingStatus.Fail)
            {
                return RuleOutcome.Warn($"ContainerSpec.Healthcheck is not set; image '{service.Image}' is not on {where}, so whether it defines a HEALTHCHECK is unknown",
                    Severity.Low);
            }

            return evaluated;
        }

        public static ServiceHardeningReport Report(SwarmServiceFacts service, SwarmEngineFacts engine, IReadOnlyList<HardeningFinding> findings,
            Severity minimumSeverity, Severity failOn, Func<IEnumerable<HardeningFinding>, IReadOnlyList<HardeningFinding>> waive,
            IEnumerable<ContainerHardeningReport>? tasks) =>
            new(service.Name, service.Id, service.Image, service.Mode, engine.Endpoint, engine.ApiVersion,
                waive(findings.Where(f => f.Severity >= minimumSeverity)), failOn, tasks);
    }
}
