using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH105: no bind mount of a sensitive host directory (guide §3.1, CIS 5.6).</summary>
    internal sealed class NoSensitiveHostMounts : ContainerRule
    {
        // "/" itself is handled apart: only the host root exactly, never everything below it.
        private static readonly string[] CriticalPrefixes = { "/dev", "/proc", "/sys" };
        private static readonly string[] HighPrefixes = { "/boot", "/etc", "/lib", "/usr", "/var/lib/docker" };
        // Runtime state of the host's daemons (sockets, pid files, dbus, systemd); the directory itself, not every
        // subdirectory. /var/run is a symlink to /run on Debian, and the engine keeps the spelling the user gave.
        private static readonly string[] HighExact = { "/run", "/var/run" };

        public override RuleInfo Info { get; } = new(
            "DH105", nameof(NoSensitiveHostMounts), "Do not mount sensitive host directories", Severity.Critical,
            "3.1", "5.6", "remove the -v/--mount bind of the host path / remove it from compose volumes:");

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Mounts };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the service loses a host path it mounts", new RemoveMount("sensitive host paths", (type, source) => type == "bind" && Classify(source) is not null));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var hits = new List<string>();
            bool critical = false;
            foreach (var mount in context.Container.Mounts.Where(m => string.Equals(m.Type, "bind", StringComparison.OrdinalIgnoreCase)))
            {
                var severity = Classify(mount.Source);
                if (severity is null)
                {
                    continue;
                }

                critical |= severity == Severity.Critical;
                hits.Add($"{mount.Source} -> {mount.Destination} ({(mount.ReadWrite ? "rw" : "ro")}, {severity})");
            }

            if (hits.Count == 0)
            {
                return RuleOutcome.Pass("no bind mount of /, /dev, /proc, /sys, /boot, /etc, /lib, /usr, /var/lib/docker, /run or /var/run");
            }

            // Read-only does not make these safe: the guide says not to share them at all.
            return RuleOutcome.Fail("sensitive host paths are bind-mounted: " + string.Join("; ", hits),
                critical ? Severity.Critical : Severity.High);
        }

        /// <summary>Critical, High or null for a host path; prefixes match whole path segments only.</summary>
        internal static Severity? Classify(string source)
        {
            var path = HostPaths.Normalize(source);
            if (path.Length == 0)
            {
                return null;
            }

            if (path == "/" || CriticalPrefixes.Any(p => HostPaths.IsAtOrBelow(path, p)))
            {
                return Severity.Critical;
            }

            return HighPrefixes.Any(p => HostPaths.IsAtOrBelow(path, p)) || HighExact.Contains(path) ? Severity.High : null;
        }
    }
}
