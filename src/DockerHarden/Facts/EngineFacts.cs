using System.Collections.Generic;

namespace DockerHarden.Facts
{
    /// <summary>What the container rules need to know about the engine that runs the containers.</summary>
    internal sealed record EngineFacts
    {
        /// <summary>The endpoint, as shown to users (unix:///var/run/docker.sock, tcp://host:2376...).</summary>
        public string Endpoint { get; init; } = "";
        /// <summary>Info.SecurityOptions, for example "name=seccomp,profile=default", "name=userns".</summary>
        public IReadOnlyList<string> SecurityOptions { get; init; } = new List<string>();
        /// <summary>Storage driver (overlay2, btrfs, zfs, devicemapper...).</summary>
        public string StorageDriver { get; init; } = "";
        /// <summary>"Backing Filesystem" from the driver status (extfs, xfs...), empty when not reported.</summary>
        public string BackingFilesystem { get; init; } = "";
        /// <summary>True/false when the daemon's no-new-privileges default is known; null when it could not be read.</summary>
        public bool? NoNewPrivilegesByDefault { get; init; }
        /// <summary>Where NoNewPrivilegesByDefault was read from, for evidence.</summary>
        public string NoNewPrivilegesSource { get; init; } = "";
        /// <summary>Default log driver of the daemon.</summary>
        public string DefaultLogDriver { get; init; } = "";
    }

    /// <summary>The whole audited fleet, for rules that look across containers (DH110).</summary>
    internal sealed class FleetFacts
    {
        /// <summary>User-defined network name to the names of every container attached to it.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> NetworkMembers { get; init; } =
            new Dictionary<string, IReadOnlyList<string>>();
    }
}
