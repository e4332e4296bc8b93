using System.Collections.Generic;
using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH008: unprivileged processes on the host cannot create user namespaces (guide §6.3).</summary>
    internal sealed class UnprivilegedUsernsCloneDisabled : DaemonRule, IReadsSysctls
    {
        internal const string CloneSysctl = "kernel.unprivileged_userns_clone";
        internal const string MaxSysctl = "user.max_user_namespaces";
        internal const string AppArmorSysctl = "kernel.apparmor_restrict_unprivileged_userns";

        /// <summary>The knob this rule judges, and the two it names where the kernel lacks it.</summary>
        public IReadOnlyList<string> Sysctls { get; } = new[] { CloneSysctl, MaxSysctl, AppArmorSysctl };

        public override RuleInfo Info { get; } = new(
            "DH008", nameof(UnprivilegedUsernsCloneDisabled), "Unprivileged user namespace creation is disabled on the host", Severity.Medium,
            "6.3", "-", "sysctl -w kernel.unprivileged_userns_clone=0 (and in /etc/sysctl.d/)");

        public override string Description => "Checks the sysctl kernel.unprivileged_userns_clone (0 restricts user namespace creation to root); where the kernel lacks it, reports what limits it has instead.";

        public override string Rationale => "Unprivileged user namespaces widen the kernel attack surface reachable from any local process, including one that escaped a container (guide 6.3).";

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            if (!TryGetHost(context.Facts, out var host, out var notApplicable))
            {
                return notApplicable;
            }

            if (host.Sysctls.TryGetValue(CloneSysctl, out var clone))
            {
                return clone.Trim() == "0"
                    ? RuleOutcome.Pass($"{CloneSysctl}=0")
                    : RuleOutcome.Fail($"{CloneSysctl}={clone.Trim()}: unprivileged users may create user namespaces");
            }

            // Upstream kernels lack the Debian/Ubuntu knob: say what they offer instead, without guessing a verdict.
            var instead = new List<string>();
            foreach (var name in new[] { MaxSysctl, AppArmorSysctl })
            {
                if (host.Sysctls.TryGetValue(name, out var value))
                {
                    instead.Add($"{name}={value.Trim()}");
                }
            }

            var has = instead.Count == 0 ? "neither user.max_user_namespaces nor kernel.apparmor_restrict_unprivileged_userns" : string.Join(", ", instead);
            return RuleOutcome.Warn($"this kernel has no {CloneSysctl}; it has {has}",
                remediation: $"{AppArmorSysctl}=1 where AppArmor offers it; {MaxSysctl}=0 only if no process (userns-remap, rootless, browsers) needs user namespaces");
        }
    }
}
