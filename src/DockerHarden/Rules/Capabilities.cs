using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;

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

        /// <summary>
        /// The capabilities DH103 judges, each with the severity its presence earns: the guide's 17 (its list is
        /// "non-exhaustive") plus every other capability that reaches past the container's namespaces and cgroups
        /// into the host (kernel memory, host clock, host logs, LSM policy, other containers' traffic), and SETGID, which
        /// is to groups what SETUID is to users. Not judged, because the kernel confines them to the container: KILL,
        /// AUDIT_WRITE, NET_BIND_SERVICE, NET_RAW
        /// (the container's own network namespace; its neighbours are DH109/DH110's concern), IPC_LOCK, LEASE, SYS_NICE
        /// and SYS_PACCT. about_DockerHarden lists the same table.
        /// </summary>
        public static readonly IReadOnlyDictionary<string, Severity> SensitiveSeverity = new Dictionary<string, Severity>(StringComparer.Ordinal)
        {
            // Root on the host: mount, load modules, raw I/O, ptrace, open any file by handle (shocker), eBPF.
            ["SYS_ADMIN"] = Severity.Critical, ["SYS_MODULE"] = Severity.Critical, ["SYS_RAWIO"] = Severity.Critical,
            ["SYS_PTRACE"] = Severity.Critical, ["DAC_READ_SEARCH"] = Severity.Critical, ["BPF"] = Severity.Critical,
            // The guide's other capabilities.
            ["AUDIT_CONTROL"] = Severity.High, ["CHOWN"] = Severity.High, ["DAC_OVERRIDE"] = Severity.High,
            ["FOWNER"] = Severity.High, ["FSETID"] = Severity.High, ["IPC_OWNER"] = Severity.High, ["MKNOD"] = Severity.High,
            ["SETFCAP"] = Severity.High, ["SETPCAP"] = Severity.High, ["SETUID"] = Severity.High, ["SETGID"] = Severity.High, ["SYS_CHROOT"] = Severity.High,
            ["SYS_BOOT"] = Severity.High, ["SYS_TTY_CONFIG"] = Severity.High,
            // Host-wide state: network configuration, the clock, resource limits, immutable files, LSM policy, perf.
            ["NET_ADMIN"] = Severity.High, ["SYS_TIME"] = Severity.High, ["SYS_RESOURCE"] = Severity.High,
            ["LINUX_IMMUTABLE"] = Severity.High, ["MAC_ADMIN"] = Severity.High, ["MAC_OVERRIDE"] = Severity.High,
            ["PERFMON"] = Severity.High,
            // Host information: the kernel log, the audit stream, PID control.
            ["SYSLOG"] = Severity.Medium, ["AUDIT_READ"] = Severity.Medium, ["CHECKPOINT_RESTORE"] = Severity.Medium,
            // Nuisance on the host: keep it awake, set wake alarms, broadcast.
            ["BLOCK_SUSPEND"] = Severity.Low, ["WAKE_ALARM"] = Severity.Low, ["NET_BROADCAST"] = Severity.Low,
        };

        /// <summary>
        /// What an entrypoint that starts as root and drops to a user (gosu, su-exec, postgres' and redis' images) needs
        /// back after cap_drop: [ALL]: own its files, then switch user and group. Added back alone, after dropping ALL,
        /// DH103 judges them at <see cref="MinimalAddBackSeverity"/>, below the capabilities that reach the host.
        /// </summary>
        public static readonly IReadOnlyList<string> MinimalAddBack = new[] { "CHOWN", "DAC_OVERRIDE", "FOWNER", "SETGID", "SETUID" };

        /// <summary>DH103's severity for a set that drops ALL and adds back only <see cref="MinimalAddBack"/>.</summary>
        public const Severity MinimalAddBackSeverity = Severity.Medium;

        /// <summary>The judged capabilities, in ordinal order.</summary>
        public static readonly IReadOnlyList<string> Sensitive = SensitiveSeverity.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList();

        /// <summary>Capabilities that amount to root on the host; holding one raises DH103 to Critical.</summary>
        public static readonly IReadOnlyList<string> Critical =
            SensitiveSeverity.Where(p => p.Value == Severity.Critical).Select(p => p.Key).ToList();

        /// <summary>True for ALL and every judged capability (a normalized name).</summary>
        public static bool IsSensitive(string cap) => cap == All || SensitiveSeverity.ContainsKey(cap);

        /// <summary>The severity DH103 gives a set holding these capabilities: the worst of them, or null when none is judged.</summary>
        public static Severity? WorstSeverity(IEnumerable<string> caps)
        {
            Severity? worst = null;
            foreach (var cap in caps)
            {
                if (SensitiveSeverity.TryGetValue(cap, out var s) && (worst is null || s > worst))
                {
                    worst = s;
                }
            }

            return worst;
        }

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
