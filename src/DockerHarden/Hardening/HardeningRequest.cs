using System;
using System.Collections.Generic;
using DockerHarden.Facts;

namespace DockerHarden.Hardening
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
        public string BindAddress { get; init; } = HardenedDefaults.BindAddress;
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
    }

    /// <summary>The audited container a twin is built from.</summary>
    internal sealed record TwinSource(ContainerFacts Facts, ContainerCreateConfig Config);

    /// <summary>The hardened defaults (RULES.md "Create" view), in one place.</summary>
    internal static class HardenedDefaults
    {
        public const string User = "10001:10001";
        public const string BindAddress = "127.0.0.1";
        public const string TmpfsPath = "/tmp";
        public const string TmpfsOptions = "rw,noexec,nosuid,size=64m";
        public const long Memory = 256L * 1024 * 1024;
        public const long NanoCpus = 1_000_000_000;
        public const long PidsLimit = 100;
        /// <summary>Writable-layer quota, set only where the storage driver can enforce one (DH120).</summary>
        public const string StorageSize = "10g";
        public const string NoNewPrivileges = "no-new-privileges:true";
        public const string RestartPolicy = "on-failure";
        public const long RestartRetries = 5;
        public const string NetworkSuffix = "-net";
        public const string ManagedLabel = Facts.HardeningLabels.Managed;
        public const string ContainerLabel = "dockerharden.container";
    }
}
