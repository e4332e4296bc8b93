using System;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH114: the container does not opt out of the daemon's user-namespace remapping (guide §6.4, CIS 5.31).</summary>
    internal sealed class NoHostUserNamespace : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH114", nameof(NoHostUserNamespace), "Do not use the host user namespace", Severity.Medium,
            "6.4", "5.31", "remove --userns=host / remove compose userns_mode:");

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            if (!NamespaceModes.IsHost(context.Container.UsernsMode))
            {
                var mode = context.Container.UsernsMode.Trim();
                return RuleOutcome.Pass($"UsernsMode is '{(mode.Length == 0 ? "default" : mode)}'");
            }

            bool remapping = context.Engine.SecurityOptions.Any(o => o.Trim().StartsWith("name=userns", StringComparison.OrdinalIgnoreCase));
            // Without daemon remapping, --userns=host changes nothing today; it still disables remapping once it is turned on.
            return remapping
                ? RuleOutcome.Fail("UsernsMode is host while the daemon remaps users (name=userns): this container's root is the host's root")
                : RuleOutcome.Warn("UsernsMode is host; the daemon does not remap users, so this opts out of remapping once it is enabled");
        }
    }
}
