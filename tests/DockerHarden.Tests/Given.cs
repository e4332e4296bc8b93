using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Rules;

namespace DockerHarden.Tests
{
    /// <summary>Canned facts for rule tests, so each test states only what it is about.</summary>
    internal static class Given
    {
        /// <summary>An engine with seccomp and AppArmor, no userns remap, no-new-privileges default unknown.</summary>
        public static EngineFacts Engine(
            IReadOnlyList<string>? securityOptions = null,
            string storageDriver = "overlay2",
            string backingFilesystem = "extfs",
            bool? noNewPrivilegesByDefault = false,
            string noNewPrivilegesSource = "/etc/docker/daemon.json",
            string defaultLogDriver = "json-file") =>
            new()
            {
                Endpoint = "unix:///var/run/docker.sock",
                SecurityOptions = securityOptions ?? new[] { "name=apparmor", "name=seccomp,profile=builtin", "name=cgroupns" },
                StorageDriver = storageDriver,
                BackingFilesystem = backingFilesystem,
                NoNewPrivilegesByDefault = noNewPrivilegesByDefault,
                NoNewPrivilegesSource = noNewPrivilegesSource,
                DefaultLogDriver = defaultLogDriver,
            };

        public static FleetFacts Fleet(params (string Network, string[] Members)[] networks)
        {
            var map = new Dictionary<string, IReadOnlyList<string>>();
            foreach (var (network, members) in networks)
            {
                map[network] = members;
            }

            return new FleetFacts { NetworkMembers = map };
        }

        public static ContainerContext Context(ContainerFacts container, EngineFacts? engine = null, FleetFacts? fleet = null) =>
            new(container, engine ?? Engine(), fleet ?? Fleet());

        /// <summary>Runs one rule over the facts.</summary>
        public static RuleOutcome Run<TRule>(ContainerFacts container, EngineFacts? engine = null, FleetFacts? fleet = null)
            where TRule : ContainerRule, new() =>
            new TRule().Evaluate(Context(container, engine, fleet));

        public static MountFact Bind(string source, string destination = "/mnt", bool readWrite = true, string propagation = "rprivate") =>
            new() { Type = "bind", Source = source, Destination = destination, ReadWrite = readWrite, Propagation = propagation };

        public static PortBindingFact Port(string hostIp, string hostPort, string containerPort = "80/tcp") =>
            new() { HostIp = hostIp, HostPort = hostPort, ContainerPort = containerPort };

        public static EnvVarFact Env(string name, bool hasValue = true) => new() { Name = name, HasValue = hasValue };

        public const long MiB = 1024 * 1024;
    }
}
