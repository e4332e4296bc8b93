using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH114: the container does not opt out of the daemon's user-namespace remapping (guide §6.4, CIS 5.31).</summary>
    internal sealed class NoHostUserNamespace : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH114", nameof(NoHostUserNamespace), "Do not use the host user namespace", Severity.Medium,
            "6.4", "5.31", "remove --userns=host / remove compose userns_mode:");

        public override string Description => "Checks that the container does not opt out of user namespace remapping (--userns=host); a Fail when the daemon remaps, a Warn otherwise.";

        public override string Rationale => "--userns=host gives the container the host's user ids back: its root is the host's root again, undoing the daemon's remapping (guide 6.4, CIS 5.31).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.UsernsMode };

        public override RuleFix Fix { get; } = RuleFix.Safe(new ClearSetting(Setting.UsernsMode));

        // A declaration does not say whether the daemon that runs it remaps users: the container view's Warn, in its words.
        public override RuleOutcome Declared(RuleOutcome evaluated, DeclaredService service) =>
            evaluated.Status == FindingStatus.Warn
                ? RuleOutcome.Warn("userns_mode is host: the service opts out of user-namespace remapping " +
                    "(a Fail on a daemon that remaps users; the daemon is not known from the file)")
                : evaluated;

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
