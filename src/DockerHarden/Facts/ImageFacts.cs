using System;
using System.Collections.Generic;

namespace DockerHarden.Facts
{
    /// <summary>What the planner needs from a local image's configuration.</summary>
    internal sealed record ImageFacts
    {
        public string Id { get; init; } = "";
        /// <summary>The reference the user gave (kept for the container's Config.Image).</summary>
        public string Reference { get; init; } = "";
        /// <summary>USER of the image; empty means root.</summary>
        public string User { get; init; } = "";
        /// <summary>HEALTHCHECK test of the image; empty when none.</summary>
        public IReadOnlyList<string> HealthcheckTest { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> ExposedPorts { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> Cmd { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> Entrypoint { get; init; } = Array.Empty<string>();
        /// <summary>The paths the image declares as VOLUME: writable whatever the root filesystem is.</summary>
        public IReadOnlyList<string> Volumes { get; init; } = Array.Empty<string>();
    }

    /// <summary>
    /// An existing container's create-time configuration, with environment values. Used only to build a twin
    /// and never written to output: <see cref="ContainerFacts"/> drops the values on purpose.
    /// </summary>
    internal sealed record ContainerCreateConfig
    {
        public string Image { get; init; } = "";
        /// <summary>"NAME=value" entries (merged with the image's by the engine).</summary>
        public IReadOnlyList<string> Env { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string>? Cmd { get; init; }
        public IReadOnlyList<string>? Entrypoint { get; init; }
        public string WorkingDir { get; init; } = "";
        public IReadOnlyList<string> ExposedPorts { get; init; } = Array.Empty<string>();
        /// <summary>Named and anonymous volumes: name (empty when anonymous) and target.</summary>
        public IReadOnlyList<MountSpec> Volumes { get; init; } = Array.Empty<MountSpec>();
        public HealthcheckSpec? Healthcheck { get; init; }
        /// <summary>HostConfig.Tmpfs of the original.</summary>
        public IReadOnlyDictionary<string, string> Tmpfs { get; init; } = new Dictionary<string, string>();
    }

    /// <summary>A container's run state, for watching a freshly started container.</summary>
    internal sealed record ContainerRunState
    {
        public string Status { get; init; } = "";
        public bool Running { get; init; }
        public bool Restarting { get; init; }
        public long ExitCode { get; init; }
        public string Error { get; init; } = "";
        public long RestartCount { get; init; }
        /// <summary>True when the kernel's OOM killer hit the container.</summary>
        public bool OomKilled { get; init; }
        /// <summary>The healthcheck's status (starting, healthy, unhealthy), or empty without one.</summary>
        public string Health { get; init; } = "";
    }
}
