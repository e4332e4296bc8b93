using System;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH006: root in a container is not root on the host (guide §6.2, CIS 2.9).</summary>
    internal sealed class UserNamespaceRemap : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH006", nameof(UserNamespaceRemap), "Remap container root to an unprivileged host user", Severity.High,
            "6.2", "2.9", "daemon.json \"userns-remap\": \"default\" (existing images and containers stay in the old data root)");

        public override string Description => "Checks that the daemon remaps container users to an unprivileged range of host ids (userns-remap), unless the engine runs rootless.";

        public override string Rationale => "Without remapping, uid 0 in a container is uid 0 on the host: a container escape or a writable host mount is full root. The guide asks for a separate user namespace for containers (guide 6.2, CIS 2.9).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetDaemonKey("userns-remap", "default")
        {
            KeepAnyValue = true,
            NotNeededWhenRootless = "the engine is rootless, which already maps container root to an unprivileged user",
            Warning = "\"userns-remap\" moves the engine's storage to <data-root>/<uid>.<gid>: after the restart the existing images, " +
                "containers and volumes are not visible (load or pull the images again). dockerd creates the user dockremap and needs its ranges in /etc/subuid and /etc/subgid.",
        });

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var facts = context.Facts;
            if (facts.Rootless)
            {
                return RuleOutcome.Pass("the engine is rootless: container root maps to the unprivileged user running dockerd");
            }

            if (facts.Engine.SecurityOptions.Any(o => o.Split(',').Contains("name=userns", StringComparer.OrdinalIgnoreCase)))
            {
                return RuleOutcome.Pass("info security options carry name=userns: user namespace remapping is on");
            }

            return RuleOutcome.Fail($"info security options ({string.Join("; ", facts.Engine.SecurityOptions)}) lack name=userns: container root is host root");
        }
    }
}
