using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH101: the container's process must not run as root (guide §2, CIS 4.1).</summary>
    internal sealed class RunAsNonRootUser : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH101", nameof(RunAsNonRootUser), "Run the container as a non-root user", Severity.High,
            "2", "4.1", $"--user {FixDefaults.BuiltIn.User} / compose user: \"{FixDefaults.BuiltIn.User}\"");

        public override string Description => "Checks the user the container's process runs as: empty, root, 0 or any uid 0 fails.";

        public override string Rationale => "Docker runs containers as root unless told otherwise; an attacker who gets into a root container is root inside it and one kernel bug or writable mount away from root on the host (guide 2, CIS 4.1).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.User };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the processes change user, so files the image or a volume gives to root may become unreadable; choose the user", new SetUser());

        public override bool ReadsImageUser => true;

        // "0:${GID}" is root and "1000:${GID}" is not, whatever the group: only a variable in the uid part hides the verdict.
        public override bool JudgesUnknown(string raw)
        {
            var uid = raw.Split(':')[0];
            return uid.Trim().Length > 0 && !uid.Contains('$', System.StringComparison.Ordinal);
        }

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var user = context.Container.User.Trim();
            if (user.Length == 0)
            {
                return RuleOutcome.Fail("no user is set: the process runs as root (uid 0)");
            }

            if (IsRoot(user))
            {
                return RuleOutcome.Fail($"user is '{user}' (uid 0)");
            }

            return RuleOutcome.Pass($"user is '{user}'");
        }

        /// <summary>
        /// True for a user that runs as uid 0: unset, "0", "root", with any group ("user[:group]": only the user part
        /// decides; a root group with a non-root uid is still non-root).
        /// </summary>
        internal static bool IsRoot(string user)
        {
            var userPart = user.Trim().Split(':')[0];
            return userPart.Length == 0 || userPart == "0" || string.Equals(userPart, "root", System.StringComparison.Ordinal);
        }
    }
}
