using System;
using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Views.Create
{
    /// <summary>What the user asked New-HardenedContainer for, as plain values (no PowerShell types).</summary>
    internal sealed record HardeningRequest
    {
        public string Image { get; init; } = "";
        public string Name { get; init; } = "";
        /// <summary>Null keeps the image's (or the original's) command.</summary>
        public IReadOnlyList<string>? Command { get; init; }
        /// <summary>Name to value; values are secrets and are never echoed.</summary>
        public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
        public IReadOnlyList<string> Ports { get; init; } = Array.Empty<string>();
        public string BindAddress { get; init; } = FixDefaults.BuiltIn.BindAddress;
        public IReadOnlyList<string> Volumes { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> Tmpfs { get; init; } = Array.Empty<string>();
        public string? User { get; init; }
        public IReadOnlyList<string> AddCapabilities { get; init; } = Array.Empty<string>();
        public string? Memory { get; init; }
        public string? MemorySwap { get; init; }
        public double? Cpus { get; init; }
        public long? PidsLimit { get; init; }
        public IReadOnlyList<string> Devices { get; init; } = Array.Empty<string>();
        /// <summary>An existing network to join instead of a dedicated one.</summary>
        public string? Network { get; init; }
        public string? LogDriver { get; init; }
        public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();
        /// <summary>The -SeccompProfile file as given, for messages and the docker run line.</summary>
        public string? SeccompProfilePath { get; init; }
        /// <summary>The file's content: the API takes the profile itself, not a path.</summary>
        public string? SeccompProfileJson { get; init; }
        public string? StorageSize { get; init; }
        public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
        /// <summary>A shell command for the healthcheck (CMD-SHELL); null keeps the image's.</summary>
        public string? HealthCommand { get; init; }
        /// <summary>Grant sensitive capabilities and sensitive mounts that would otherwise be refused.</summary>
        public bool Force { get; init; }
        /// <summary>Twin only: host or container paths of sensitive mounts to keep.</summary>
        public IReadOnlyList<string> KeepMounts { get; init; } = Array.Empty<string>();
        /// <summary>The values used where the request names none (Rules/Fixes/FixDefaults.cs, the one source).</summary>
        public FixDefaults Defaults { get; init; } = FixDefaults.BuiltIn;
    }

    /// <summary>The audited container a twin is built from.</summary>
    internal sealed record TwinSource(ContainerFacts Facts, ContainerCreateConfig Config);

    /// <summary>
    /// Names New-HardenedContainer gives what it creates. The values a fix writes (memory, user, tmpfs...) are not here:
    /// they come from <see cref="FixDefaults"/>.
    /// </summary>
    internal static class HardenedDefaults
    {
        public const string NetworkSuffix = "-net";
        public const string ManagedLabel = Facts.HardeningLabels.Managed;
        public const string ContainerLabel = "dockerharden.container";
    }
}
