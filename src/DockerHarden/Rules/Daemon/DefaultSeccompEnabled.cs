using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH012: every container gets a seccomp profile that blocks something (guide §9.1, CIS 2.17).</summary>
    internal sealed class DefaultSeccompEnabled : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH012", nameof(DefaultSeccompEnabled), "Confine containers with a seccomp profile by default", Severity.High,
            "9.1", "2.17", "remove \"seccomp-profile\" from daemon.json (the built-in default profile)");

        public override string Description => "Checks that the engine confines containers with a seccomp profile by default and that the profile is not unconfined.";

        public override string Rationale => "Seccomp blocks the system calls containers do not need (about 44 in the default profile), many of which have been used to break out of containers (guide 9.1, CIS 2.17).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new RemoveDaemonKey("seccomp-profile") { OnlyWhen = "unconfined", OrWhenItsFileIsWeak = true });

        public override RuleOutcome Evaluate(DaemonContext context) => SeccompProfiles.Judge(
            context.Facts,
            builtIn: profile => RuleOutcome.Pass($"seccomp with the built-in {profile} profile"),
            // Seccomp is on with a profile we cannot see: that is what this rule asks; DH007 judges the content.
            unreadable: (profile, why) => RuleOutcome.Pass($"seccomp with the custom profile {profile} (not readable here: {why})"),
            custom: (profile, analysis) => analysis.BlocksAnything
                ? RuleOutcome.Pass($"seccomp with the custom profile {profile} (defaultAction {analysis.DefaultAction})")
                : RuleOutcome.Fail($"custom profile {profile} allows every syscall (defaultAction {analysis.DefaultAction}, no denying rule): effectively unconfined"));
    }
}
