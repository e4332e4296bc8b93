using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>
    /// DH103: the effective capability set holds no capability that reaches the host (guide §3, CIS 5.4): the guide's
    /// 17 and the others in <see cref="Capabilities.SensitiveSeverity"/>. The finding takes the severity of the worst
    /// capability held (Critical for privileged or ALL), so a lone WAKE_ALARM is Low and DAC_READ_SEARCH Critical.
    /// </summary>
    internal sealed class NoSensitiveCapabilities : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH103", nameof(NoSensitiveCapabilities), "Do not grant sensitive capabilities", Severity.High,
            "3", "5.4",
            "--cap-drop=ALL and --cap-add only non-sensitive capabilities that are required / compose cap_drop: [ALL] and cap_add:");

        public override string Description => "Checks the effective capability set (Docker's default set minus CapDrop plus CapAdd) for the guide's sensitive capabilities and the others that break isolation as badly.";

        public override string Rationale => "Capabilities such as SYS_ADMIN, SYS_MODULE, SYS_PTRACE or DAC_READ_SEARCH let a container process mount filesystems, load kernel modules, trace host processes or read any file: the usual steps of a container escape (guide 3, CIS 5.4).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.CapAdd, Setting.CapDrop, Setting.Privileged };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the service asked for these capabilities (cap_add); decide which it needs and keep those with -KeepCapability", new RemoveCapAdd("sensitive capabilities", Capabilities.IsSensitive));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var c = context.Container;
            var effective = Capabilities.Effective(c.Privileged, c.CapAdd, c.CapDrop);
            var offending = Capabilities.Sensitive.Where(effective.Contains).ToList();
            string origin = c.Privileged
                ? "Privileged grants every capability"
                : $"effective = default set minus CapDrop [{string.Join(", ", c.CapDrop)}] plus CapAdd [{string.Join(", ", c.CapAdd)}]";

            if (offending.Count == 0)
            {
                return RuleOutcome.Pass(
                    $"no sensitive capability in the effective set [{string.Join(", ", effective)}] ({origin})");
            }

            var worst = offending.OrderByDescending(o => Capabilities.SensitiveSeverity[o]).First();
            var severity = c.Privileged || Capabilities.ContainsAll(c.CapAdd)
                ? Severity.Critical
                : Capabilities.SensitiveSeverity[worst];
            if (!c.Privileged && Capabilities.ContainsAll(c.CapDrop) && !Capabilities.ContainsAll(c.CapAdd) &&
                offending.All(Capabilities.MinimalAddBack.Contains))
            {
                return RuleOutcome.Fail(
                    $"after cap_drop ALL, only the minimal add-back of a service that drops privileges: {string.Join(", ", offending)} ({origin}); " +
                    $"judged {Capabilities.MinimalAddBackSeverity}, below the capabilities that reach the host",
                    Capabilities.MinimalAddBackSeverity);
            }

            return RuleOutcome.Fail(
                $"sensitive capabilities in the effective set: {string.Join(", ", offending)} ({origin}); " +
                $"worst: {worst} ({Capabilities.SensitiveSeverity[worst]})",
                severity);
        }
    }
}
