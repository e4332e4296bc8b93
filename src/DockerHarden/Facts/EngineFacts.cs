using System;
using System.Collections.Generic;
using System.Linq;

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

    /// <summary>The whole audited fleet, for rules that look across containers (DH110, the container: joins).</summary>
    internal sealed class FleetFacts
    {
        /// <summary>User-defined network name to the names of every container attached to it.</summary>
        public IReadOnlyDictionary<string, IReadOnlyList<string>> NetworkMembers { get; init; } =
            new Dictionary<string, IReadOnlyList<string>>();

        /// <summary>
        /// Containers that a container:X (or compose service:X) namespace join may name: the audited ones and every
        /// container they join, also when that one was not selected for the audit.
        /// </summary>
        public IReadOnlyList<ContainerFacts> Known { get; init; } = new List<ContainerFacts>();

        /// <summary>The container a join names, by name (with or without '/'), full id or unique id prefix; null when unknown.</summary>
        public ContainerFacts? Find(string reference)
        {
            var r = reference.Trim().TrimStart('/');
            if (r.Length == 0)
            {
                return null;
            }

            var exact = Known.FirstOrDefault(c => c.Id == r || c.Name.TrimStart('/') == r);
            if (exact is not null)
            {
                return exact;
            }

            var byPrefix = Known.Where(c => c.Id.StartsWith(r, StringComparison.Ordinal)).Take(2).ToList();
            return byPrefix.Count == 1 ? byPrefix[0] : null;
        }
    }
}
