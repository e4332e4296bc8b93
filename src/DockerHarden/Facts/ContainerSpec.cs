using System;
using System.Collections.Generic;

namespace DockerHarden.Facts
{
    /// <summary>
    /// A container to create, in our own terms: the planner writes it, the adapter maps it to the engine's create
    /// request. Env holds real values (the container needs them), so a spec is never written to output.
    /// </summary>
    internal sealed record ContainerSpec
    {
        public string Name { get; init; } = "";
        public string Image { get; init; } = "";
        /// <summary>Null keeps the image's CMD; an empty list clears it.</summary>
        public IReadOnlyList<string>? Cmd { get; init; }
        /// <summary>Null keeps the image's ENTRYPOINT.</summary>
        public IReadOnlyList<string>? Entrypoint { get; init; }
        public string WorkingDir { get; init; } = "";
        /// <summary>"NAME=value" entries. Secret: never printed, never put into an output object.</summary>
        public IReadOnlyList<string> Env { get; init; } = Array.Empty<string>();
        public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
        public string User { get; init; } = "";

        public IReadOnlyList<string> CapDrop { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> CapAdd { get; init; } = Array.Empty<string>();
        public bool ReadonlyRootfs { get; init; }
        /// <summary>Container path to mount options, for example "/tmp" to "rw,noexec,nosuid,size=64m".</summary>
        public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();
        public IReadOnlyList<MountSpec> Mounts { get; init; } = Array.Empty<MountSpec>();
        public IReadOnlyList<DeviceFact> Devices { get; init; } = Array.Empty<DeviceFact>();

        public long Memory { get; init; }
        /// <summary>Memory plus swap in bytes; equal to Memory means no swap.</summary>
        public long MemorySwap { get; init; }
        public long NanoCpus { get; init; }
        public long? PidsLimit { get; init; }
        public IReadOnlyDictionary<string, string> StorageOpt { get; init; } = new Dictionary<string, string>();

        /// <summary>Entries as the API takes them; a seccomp profile is "seccomp=&lt;the JSON itself&gt;".</summary>
        public IReadOnlyList<string> SecurityOpt { get; init; } = Array.Empty<string>();

        /// <summary>The one network the container is created on (a name, or bridge/none).</summary>
        public string Network { get; init; } = "";
        public IReadOnlyList<PortBindingFact> PortBindings { get; init; } = Array.Empty<PortBindingFact>();
        /// <summary>Container ports to expose, for example "80/tcp"; every bound port is exposed too.</summary>
        public IReadOnlyList<string> ExposedPorts { get; init; } = Array.Empty<string>();

        public string RestartPolicy { get; init; } = "";
        public long RestartMaxRetries { get; init; }
        /// <summary>Empty keeps the daemon's default log driver.</summary>
        public string LogDriver { get; init; } = "";
        public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();

        /// <summary>Null keeps the image's healthcheck.</summary>
        public HealthcheckSpec? Healthcheck { get; init; }
    }

    /// <summary>A bind mount or a named volume.</summary>
    internal sealed record MountSpec
    {
        /// <summary>bind or volume.</summary>
        public string Type { get; init; } = "volume";
        /// <summary>Host path (bind) or volume name (volume; empty for an anonymous volume).</summary>
        public string Source { get; init; } = "";
        public string Target { get; init; } = "";
        public bool ReadOnly { get; init; }
    }

    /// <summary>A healthcheck: Test as the engine takes it (["CMD-SHELL", "..."], ["CMD", ...], ["NONE"]).</summary>
    internal sealed record HealthcheckSpec
    {
        public IReadOnlyList<string> Test { get; init; } = Array.Empty<string>();
        public TimeSpan? Interval { get; init; }
        public TimeSpan? Timeout { get; init; }
        public TimeSpan? StartPeriod { get; init; }
        public long? Retries { get; init; }
    }

    /// <summary>A user-defined bridge network created for one container.</summary>
    internal sealed record NetworkSpec
    {
        public string Name { get; init; } = "";
        /// <summary>No route out: for containers that publish nothing.</summary>
        public bool Internal { get; init; }
        public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    }
}
