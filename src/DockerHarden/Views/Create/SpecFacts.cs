using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Views.Create
{
    /// <summary>
    /// What the engine would report for a container created from a spec, so that the container rules can judge a
    /// spec before it exists: the same rules that audit running containers check what we are about to create.
    /// </summary>
    internal static class SpecFacts
    {
        /// <summary>The facts of a freshly created container: the engine merges the image's USER and HEALTHCHECK.</summary>
        public static ContainerFacts From(ContainerSpec spec, ImageFacts image)
        {
            return new ContainerFacts
            {
                Name = spec.Name,
                Image = spec.Image,
                State = "created",
                Labels = spec.Labels,
                User = spec.User.Length > 0 ? spec.User : image.User,
                CapAdd = spec.CapAdd,
                CapDrop = spec.CapDrop,
                Mounts = spec.Mounts.Select(m => new MountFact
                {
                    Type = m.Type,
                    Source = m.Source,
                    Destination = m.Target,
                    ReadWrite = !m.ReadOnly,
                }).ToList(),
                Devices = spec.Devices,
                NetworkMode = spec.Network,
                Networks = spec.Network.Length == 0 ? Array.Empty<string>() : new[] { spec.Network },
                PortBindings = spec.PortBindings,
                Memory = spec.Memory,
                MemorySwap = spec.MemorySwap,
                NanoCpus = spec.NanoCpus,
                PidsLimit = spec.PidsLimit,
                ReadonlyRootfs = spec.ReadonlyRootfs,
                StorageOpt = spec.StorageOpt,
                SecurityOpt = spec.SecurityOpt,
                LogDriver = spec.LogDriver,
                LogOptions = spec.LogOptions,
                HealthcheckTest = spec.Healthcheck?.Test ?? image.HealthcheckTest,
                RestartPolicy = spec.RestartPolicy,
                RestartMaxRetries = spec.RestartMaxRetries,
                Environment = spec.Env.Select(EnvVarFact.FromEntry).ToList(),
            };
        }

        /// <summary>Every container rule over the spec; the new container is alone on its network.</summary>
        public static IReadOnlyList<HardeningFinding> Evaluate(ContainerSpec spec, ImageFacts image, EngineFacts engine)
        {
            var facts = From(spec, image);
            var fleet = new FleetFacts
            {
                NetworkMembers = facts.Networks.ToDictionary(n => n, _ => (IReadOnlyList<string>)new[] { spec.Name }),
            };
            return RuleEngine.Evaluate(RuleCatalog.ContainerRules, new ContainerContext(facts, engine, fleet));
        }

        /// <summary>The outcome of one rule over a few facts, so the planner asks the rules instead of copying them.</summary>
        public static FindingStatus Judge<TRule>(ContainerFacts facts, EngineFacts engine)
            where TRule : ContainerRule, new() =>
            new TRule().Evaluate(new ContainerContext(facts, engine, new FleetFacts())).Status;
    }
}
