using System.Collections.Generic;

namespace DockerHarden.Facts
{
    /// <summary>
    /// What the rules know about one container, taken from one inspect. Plain data: no Docker.DotNet type,
    /// and no environment value (only variable names and whether they hold a literal value).
    /// </summary>
    internal sealed class ContainerFacts
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public string Image { get; init; } = "";
        public string State { get; init; } = "";
        public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

        /// <summary>Config.User (already merged with the image's USER by the engine).</summary>
        public string User { get; init; } = "";

        public bool Privileged { get; init; }
        public IReadOnlyList<string> CapAdd { get; init; } = new List<string>();
        public IReadOnlyList<string> CapDrop { get; init; } = new List<string>();

        public IReadOnlyList<MountFact> Mounts { get; init; } = new List<MountFact>();
        public IReadOnlyList<DeviceFact> Devices { get; init; } = new List<DeviceFact>();
        public IReadOnlyList<string> DeviceCgroupRules { get; init; } = new List<string>();

        /// <summary>HostConfig.NetworkMode: default, bridge, host, none, container:ID or a network name.</summary>
        public string NetworkMode { get; init; } = "";
        /// <summary>Names of the networks the container is attached to.</summary>
        public IReadOnlyList<string> Networks { get; init; } = new List<string>();
        public IReadOnlyList<PortBindingFact> PortBindings { get; init; } = new List<PortBindingFact>();

        public string PidMode { get; init; } = "";
        public string IpcMode { get; init; } = "";
        public string UtsMode { get; init; } = "";
        public string UsernsMode { get; init; } = "";
        public string CgroupParent { get; init; } = "";

        public long Memory { get; init; }
        /// <summary>HostConfig.MemorySwap: 0 unset, -1 unlimited, otherwise memory+swap in bytes.</summary>
        public long MemorySwap { get; init; }
        public long NanoCpus { get; init; }
        public long CpuQuota { get; init; }
        public long CpuPeriod { get; init; }
        public long CpuShares { get; init; }
        /// <summary>HostConfig.PidsLimit; null when unset.</summary>
        public long? PidsLimit { get; init; }

        public bool ReadonlyRootfs { get; init; }
        public IReadOnlyDictionary<string, string> StorageOpt { get; init; } = new Dictionary<string, string>();

        public IReadOnlyList<string> SecurityOpt { get; init; } = new List<string>();
        /// <summary>The AppArmor profile the engine applied (container AppArmorProfile).</summary>
        public string AppArmorProfile { get; init; } = "";

        public string LogDriver { get; init; } = "";
        public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();

        /// <summary>Healthcheck test from the container config (merged with the image); empty when none.</summary>
        public IReadOnlyList<string> HealthcheckTest { get; init; } = new List<string>();

        public string RestartPolicy { get; init; } = "";
        public long RestartMaxRetries { get; init; }

        /// <summary>Environment variables: name and whether a non-empty literal value is set. The value is never kept.</summary>
        public IReadOnlyList<EnvVarFact> Environment { get; init; } = new List<EnvVarFact>();
    }

    /// <summary>One mount as the engine reports it.</summary>
    internal sealed class MountFact
    {
        /// <summary>bind, volume, tmpfs, npipe.</summary>
        public string Type { get; init; } = "";
        public string Source { get; init; } = "";
        public string Destination { get; init; } = "";
        public bool ReadWrite { get; init; } = true;
        /// <summary>private, rprivate, shared, rshared, slave, rslave or empty.</summary>
        public string Propagation { get; init; } = "";
    }

    /// <summary>One --device mapping.</summary>
    internal sealed class DeviceFact
    {
        public string PathOnHost { get; init; } = "";
        public string PathInContainer { get; init; } = "";
        /// <summary>Cgroup permissions, for example "r", "rw" or "rwm"; empty means the default rwm.</summary>
        public string CgroupPermissions { get; init; } = "";
    }

    /// <summary>One published port.</summary>
    internal sealed class PortBindingFact
    {
        /// <summary>Container side, for example "80/tcp".</summary>
        public string ContainerPort { get; init; } = "";
        public string HostIp { get; init; } = "";
        public string HostPort { get; init; } = "";
    }

    /// <summary>An environment variable's name, whether it carries a non-empty literal value, and the value's shape (never the value).</summary>
    internal sealed class EnvVarFact
    {
        public string Name { get; init; } = "";
        public bool HasValue { get; init; }
        /// <summary>What the value is (a toggle, a secret-file path, other text); <see cref="EnvValueShape.Literal"/> when only HasValue is known.</summary>
        public EnvValueShape Shape { get; init; } = EnvValueShape.Literal;
        /// <summary>The value is a connection string with an inline password (scheme://user:password@host).</summary>
        public bool UrlCredential { get; init; }

        /// <summary>The fact of one variable, read from its value, which is not kept.</summary>
        public static EnvVarFact Of(string name, string value) => new()
        {
            Name = name,
            HasValue = value.Length > 0,
            Shape = Rules.EnvValues.Shape(value),
            UrlCredential = Rules.EnvValues.HasUrlCredential(value),
        };

        /// <summary>Reads a "NAME=value" (or bare "NAME") entry; keeps the name and whether a value is there, never the value.</summary>
        public static EnvVarFact FromEntry(string entry)
        {
            var equals = entry.IndexOf('=');
            return equals < 0
                ? new EnvVarFact { Name = entry, HasValue = false, Shape = EnvValueShape.None }
                : Of(entry.Substring(0, equals), entry.Substring(equals + 1));
        }
    }
}
