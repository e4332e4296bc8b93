using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Container;

namespace DockerHarden.Rules
{
    /// <summary>
    /// The one list of host paths the mount rules (DH105, DH106) condemn, and of the read-only single files they allow;
    /// about_DockerHarden lists the same. Views that must drop or refuse such mounts before a container exists ask here.
    /// </summary>
    internal static class SensitiveMounts
    {
        /// <summary>The host root itself (only "/" exactly) and what is below these: the kernel's and the devices' view.</summary>
        public static readonly IReadOnlyList<string> CriticalPrefixes = new[] { "/dev", "/proc", "/sys" };

        /// <summary>
        /// Boot files, host configuration, libraries and binaries, the engine's storage, the homes that hold SSH keys
        /// and credentials (/root, /home), and the system D-Bus (its socket lets a container's root ask systemd for
        /// anything).
        /// </summary>
        public static readonly IReadOnlyList<string> HighPrefixes = new[]
        {
            "/boot", "/etc", "/home", "/lib", "/root", "/usr", "/var/lib/docker", "/run/dbus", "/var/run/dbus",
        };

        /// <summary>
        /// Runtime state of the host's daemons (sockets, pid files, dbus, systemd): the directory itself, not every
        /// subdirectory. /var/run is a symlink to /run on Debian, and the engine keeps the spelling the user gave.
        /// </summary>
        public static readonly IReadOnlyList<string> HighExact = new[] { "/run", "/var/run" };

        /// <summary>
        /// Single files whose read-only bind is standard practice and gives nothing away: the host's time zone. Only the
        /// exact path, only read-only; a writable bind of them still fails.
        /// </summary>
        public static readonly IReadOnlyList<string> AllowedReadOnlyFiles = new[] { "/etc/localtime", "/etc/timezone" };

        /// <summary>The rule id and severity that a bind of this host path would fail, or null when it is not sensitive.</summary>
        public static (string RuleId, Severity Severity)? Classify(string hostPath, bool readOnly = false)
        {
            if (NoDockerSocketMount.IsEngineSocket(hostPath))
            {
                return ("DH106", Severity.Critical);
            }

            return HostPathSeverity(hostPath, readOnly) is { } severity ? ("DH105", severity) : null;
        }

        /// <summary>Critical, High or null for a bind of a host path (DH105); prefixes match whole path segments only.</summary>
        public static Severity? HostPathSeverity(string source, bool readOnly)
        {
            var path = HostPaths.Normalize(source);
            if (path.Length == 0 || readOnly && AllowedReadOnlyFiles.Contains(path, StringComparer.Ordinal))
            {
                return null;
            }

            if (path == "/" || CriticalPrefixes.Any(p => HostPaths.IsAtOrBelow(path, p)))
            {
                return Severity.Critical;
            }

            return HighPrefixes.Any(p => HostPaths.IsAtOrBelow(path, p)) || HighExact.Contains(path, StringComparer.Ordinal) ? Severity.High : null;
        }

        /// <summary>The lists in words, for evidence.</summary>
        public static string Describe() =>
            $"/, {string.Join(", ", CriticalPrefixes.Concat(HighPrefixes).Concat(HighExact))} (read-only {string.Join(" and ", AllowedReadOnlyFiles)} allowed)";
    }
}
