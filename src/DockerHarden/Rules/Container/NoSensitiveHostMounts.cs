using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH105: no bind mount of a sensitive host directory (guide §3.1, CIS 5.6); the paths are in <see cref="SensitiveMounts"/>.</summary>
    internal sealed class NoSensitiveHostMounts : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH105", nameof(NoSensitiveHostMounts), "Do not mount sensitive host directories", Severity.Critical,
            "3.1", "5.6", "remove the -v/--mount bind of the host path / remove it from compose volumes:");

        public override string Description => "Checks bind mounts for the host's sensitive directories: /, /dev, /proc, /sys (Critical), /boot, /etc, /lib, /usr, /var/lib/docker (High) and the others the rule lists, read-only ones included.";

        public override string Rationale => "The guide says not to share the host's root, device, process or virtual filesystems with a container: writing there changes the host, and even reading them leaks keys, passwords and kernel state (guide 3.1, CIS 5.6).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Mounts };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the service loses a host path it mounts", new RemoveMount("sensitive host paths", (type, source, readOnly) => type == "bind" && SensitiveMounts.HostPathSeverity(source, readOnly) is not null));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var hits = new List<string>();
            bool critical = false;
            foreach (var mount in context.Container.Mounts.Where(m => string.Equals(m.Type, "bind", StringComparison.OrdinalIgnoreCase)))
            {
                var severity = SensitiveMounts.HostPathSeverity(mount.Source, !mount.ReadWrite);
                if (severity is null)
                {
                    continue;
                }

                critical |= severity == Severity.Critical;
                hits.Add($"{mount.Source} -> {mount.Destination} ({(mount.ReadWrite ? "rw" : "ro")}, {severity})");
            }

            if (hits.Count == 0)
            {
                return RuleOutcome.Pass("no bind mount of " + SensitiveMounts.Describe());
            }

            // Read-only does not make these safe: the guide says not to share them at all.
            return RuleOutcome.Fail("sensitive host paths are bind-mounted: " + string.Join("; ", hits),
                critical ? Severity.Critical : Severity.High);
        }
    }
}
