using System;

namespace DockerHarden.Models
{
    /// <summary>A container that New-HardenedContainer created (and maybe started or swapped in). Holds no secret value.</summary>
    public sealed class HardenedContainer
    {
        /// <summary>Full id of the new container.</summary>
        public string ContainerId { get; internal set; } = "";

        /// <summary>Name of the new container.</summary>
        public string Name { get; internal set; } = "";

        /// <summary>Image reference the container was created from.</summary>
        public string Image { get; internal set; } = "";

        /// <summary>Networks the container is attached to.</summary>
        public string[] Networks { get; internal set; } = Array.Empty<string>();

        /// <summary>True when the container was started (and, with -Replace, stayed up).</summary>
        public bool Started { get; internal set; }

        /// <summary>With -Replace: the name the original container now has, or null when it was removed or nothing was replaced.</summary>
        public string? OriginalName { get; internal set; }

        /// <summary>The settings the container was created with, for reading (environment names only).</summary>
        public HardenedSettings Settings { get; internal set; } = new();

        /// <summary>Settings that differ from the original container (twin) or that the engine could not apply.</summary>
        public string[] Changes { get; internal set; } = Array.Empty<string>();

        /// <summary>What a twin did not carry over from the original (sensitive mounts, capabilities, namespaces...).</summary>
        public string[] Dropped { get; internal set; } = Array.Empty<string>();

        /// <summary>Host limits and rules the container still fails because a parameter asked for it.</summary>
        public string[] Warnings { get; internal set; } = Array.Empty<string>();

        /// <summary>The equivalent docker CLI line; environment variables appear as -e NAME, without values.</summary>
        public string DockerRunCommand { get; internal set; } = "";

        /// <summary>The docker CLI line that created the dedicated network, or null when the container joined an existing one.</summary>
        public string? DockerNetworkCommand { get; internal set; }

        /// <summary>The engine endpoint.</summary>
        public string DockerHost { get; internal set; } = "";

        /// <summary>Name and id, for logs.</summary>
        public override string ToString() => $"{Name} ({ContainerId})";
    }

    /// <summary>A readable summary of the hardening a container was created with. No secret values.</summary>
    public sealed class HardenedSettings
    {
        /// <summary>The user the process runs as.</summary>
        public string User { get; internal set; } = "";

        /// <summary>Dropped capabilities (ALL).</summary>
        public string[] CapDrop { get; internal set; } = Array.Empty<string>();

        /// <summary>Capabilities added back.</summary>
        public string[] CapAdd { get; internal set; } = Array.Empty<string>();

        /// <summary>True when the root filesystem is read-only.</summary>
        public bool ReadOnlyRootFilesystem { get; internal set; }

        /// <summary>tmpfs mounts as PATH:OPTIONS.</summary>
        public string[] Tmpfs { get; internal set; } = Array.Empty<string>();

        /// <summary>Memory limit, for example 256MiB.</summary>
        public string Memory { get; internal set; } = "";

        /// <summary>Memory plus swap limit; equal to Memory means no swap.</summary>
        public string MemorySwap { get; internal set; } = "";

        /// <summary>CPU limit in CPUs.</summary>
        public double Cpus { get; internal set; }

        /// <summary>Maximum number of processes.</summary>
        public long? PidsLimit { get; internal set; }

        /// <summary>Security options; a custom seccomp profile shows as seccomp=(custom profile).</summary>
        public string[] SecurityOptions { get; internal set; } = Array.Empty<string>();

        /// <summary>The network the container was created on.</summary>
        public string Network { get; internal set; } = "";

        /// <summary>True when that network is internal (no route off the host).</summary>
        public bool InternalNetwork { get; internal set; }

        /// <summary>Published ports as HOSTIP:HOSTPORT->CONTAINERPORT.</summary>
        public string[] Ports { get; internal set; } = Array.Empty<string>();

        /// <summary>Bind mounts and volumes as SOURCE:TARGET[:ro].</summary>
        public string[] Volumes { get; internal set; } = Array.Empty<string>();

        /// <summary>Devices as HOST:CONTAINER:PERMISSIONS.</summary>
        public string[] Devices { get; internal set; } = Array.Empty<string>();

        /// <summary>Restart policy, for example on-failure:5.</summary>
        public string RestartPolicy { get; internal set; } = "";

        /// <summary>Log driver, or "(engine default)".</summary>
        public string LogDriver { get; internal set; } = "";

        /// <summary>Healthcheck command, or "(from the image)" / "(none)".</summary>
        public string Healthcheck { get; internal set; } = "";

        /// <summary>Storage quota, or empty when none.</summary>
        public string StorageSize { get; internal set; } = "";

        /// <summary>Names of the environment variables; values are never shown.</summary>
        public string[] EnvironmentNames { get; internal set; } = Array.Empty<string>();

        /// <summary>One line for table views.</summary>
        public override string ToString() =>
            $"user {User}; cap-drop {string.Join(",", CapDrop)}{(CapAdd.Length > 0 ? "; cap-add " + string.Join(",", CapAdd) : "")}; " +
            $"{(ReadOnlyRootFilesystem ? "read-only root" : "writable root")}; memory {Memory}; cpus {Cpus}; pids {PidsLimit}; " +
            $"{string.Join(", ", SecurityOptions)}; network {Network}; restart {RestartPolicy}";
    }
}
