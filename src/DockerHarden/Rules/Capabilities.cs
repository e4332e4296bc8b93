using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Rules
{
    /// <summary>
    /// Linux capability sets and the engine's arithmetic over them, shared by the Container, Create and Compose
    /// views so that all three compute the same effective set.
    /// </summary>
    internal static class Capabilities
    {
        /// <summary>The pseudo-capability that means "every capability" in --cap-add / --cap-drop.</summary>
        public const string All = "ALL";

        /// <summary>What the engine grants a non-privileged container when nothing is added or dropped.</summary>
        public static readonly IReadOnlyList<string> DockerDefault = new[]
        {
            "CHOWN", "DAC_OVERRIDE", "FSETID", "FOWNER", "MKNOD", "NET_RAW", "SETGID", "SETUID", "SETFCAP",
            "SETPCAP", "NET_BIND_SERVICE", "SYS_CHROOT", "KILL", "AUDIT_WRITE",
        };

        /// <summary>The guide's 17 capabilities that a container should not hold.</summary>
        public static readonly IReadOnlyList<string> Sensitive = new[]
        {
            "AUDIT_CONTROL", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "IPC_OWNER", "MKNOD", "SETFCAP", "SETPCAP",
            "SETUID", "SYS_ADMIN", "SYS_CHROOT", "SYS_BOOT", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_TTY_CONFIG",
        };

        /// <summary>Capabilities that amount to root on the host; holding one raises DH103 to Critical.</summary>
        public static readonly IReadOnlyList<string> Critical = new[] { "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE" };

        /// <summary>Every capability the Linux kernel defines (what --privileged or --cap-add=ALL grants).</summary>
        public static readonly IReadOnlyList<string> Every = new[]
        {
            "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
            "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
            "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
            "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
            "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
            "CHECKPOINT_RESTORE",
        };

        /// <summary>Upper case, trimmed, without the CAP_ prefix: "cap_sys_admin" and "SYS_ADMIN" are one name.</summary>
        public static string Normalize(string name)
        {
            var n = name.Trim().ToUpperInvariant();
            return n.StartsWith("CAP_", StringComparison.Ordinal) ? n.Substring(4) : n;
        }

        /// <summary>True when the list names ALL (in any case, with or without CAP_).</summary>
        public static bool ContainsAll(IEnumerable<string> names) => names.Any(n => Normalize(n) == All);

        /// <summary>
        /// The set the process really gets, as the engine computes it (moby's TweakCapabilities): privileged means
        /// every capability; ALL in add means every capability except those explicitly dropped; ALL in drop means
        /// only what is added; otherwise the default set minus the drops plus the adds.
        /// </summary>
        public static IReadOnlyCollection<string> Effective(bool privileged, IEnumerable<string> capAdd, IEnumerable<string> capDrop)
        {
            if (privileged)
            {
                return new SortedSet<string>(Every, StringComparer.Ordinal);
            }

            var adds = capAdd.Select(Normalize).Where(n => n.Length > 0).ToList();
            var drops = new HashSet<string>(capDrop.Select(Normalize).Where(n => n.Length > 0), StringComparer.Ordinal);
            var result = new SortedSet<string>(StringComparer.Ordinal);
            if (adds.Contains(All))
            {
                result.UnionWith(Every.Where(c => !drops.Contains(c)));
                // An unknown (newer-kernel) capability that was named explicitly still counts.
                result.UnionWith(adds.Where(c => c != All && !drops.Contains(c)));
            }
            else if (drops.Contains(All))
            {
                result.UnionWith(adds);
            }
            else
            {
                result.UnionWith(DockerDefault.Where(c => !drops.Contains(c)));
                result.UnionWith(adds);
            }

            return result;
        }
    }
}
