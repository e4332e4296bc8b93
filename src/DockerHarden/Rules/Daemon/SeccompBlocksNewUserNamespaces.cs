using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH007: containers cannot create user namespaces, the first step of many kernel exploits (guide §6.2).</summary>
    internal sealed class SeccompBlocksNewUserNamespaces : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH007", nameof(SeccompBlocksNewUserNamespaces), "The daemon's seccomp profile blocks new user namespaces", Severity.High,
            "6.2", "-", "remove \"seccomp-profile\" from daemon.json (the built-in default profile), or deny unshare/clone(CLONE_NEWUSER)/setns without CAP_SYS_ADMIN");

        public override string Description => "Checks that the daemon's seccomp profile stops unprivileged containers from creating user namespaces (unshare, clone with CLONE_NEWUSER, setns).";

        public override string Rationale => "New user namespaces give a process capabilities inside them and expose kernel code that has repeatedly led to escapes; the guide pairs userns-remap with a seccomp profile that forbids creating them (guide 6.2).";

        public override RuleOutcome Evaluate(DaemonContext context) => SeccompProfiles.Judge(
            context.Facts,
            builtIn: profile => RuleOutcome.Pass($"built-in {profile} profile: unshare, setns and clone with namespace flags need CAP_SYS_ADMIN"),
            unreadable: (profile, why) => RuleOutcome.NotApplicable($"custom seccomp profile {profile} could not be read: {why}"),
            custom: (profile, analysis) => analysis.UnconditionallyAllowed.Count > 0
                ? RuleOutcome.Fail($"custom profile {profile} (defaultAction {analysis.DefaultAction}) allows {string.Join(", ", analysis.UnconditionallyAllowed)} for unprivileged containers")
                : RuleOutcome.Pass($"custom profile {profile} allows none of {string.Join(", ", SeccompProfileAnalysis.NamespaceSyscalls)} without CAP_SYS_ADMIN or a CLONE_NEWUSER mask"));
    }
}
