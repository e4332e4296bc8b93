using System.Text.Json;
using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH007: containers cannot create user namespaces, the first step of many kernel exploits (guide §6.2).</summary>
    internal sealed class SeccompBlocksNewUserNamespaces : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH007", nameof(SeccompBlocksNewUserNamespaces), "The daemon's seccomp profile blocks new user namespaces", Severity.High,
            "6.2", "-", "remove \"seccomp-profile\" from daemon.json (the built-in default profile), or deny unshare/clone(CLONE_NEWUSER)/setns without CAP_SYS_ADMIN");

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var facts = context.Facts;
            var profile = facts.Engine.SeccompProfile;
            if (profile is null)
            {
                return RuleOutcome.Fail("the engine runs without seccomp (no name=seccomp in info security options)");
            }

            if (SeccompProfiles.IsUnconfined(profile))
            {
                return RuleOutcome.Fail($"the daemon's seccomp profile is {profile}");
            }

            if (SeccompProfiles.IsBuiltIn(profile))
            {
                return RuleOutcome.Pass($"built-in {profile} profile: unshare, setns and clone with namespace flags need CAP_SYS_ADMIN");
            }

            if (facts.Config.SeccompProfileText is not { } text)
            {
                return RuleOutcome.NotApplicable($"custom seccomp profile {profile} could not be read: {facts.Config.SeccompProfileError}");
            }

            try
            {
                var analysis = SeccompProfileAnalysis.Analyse(text);
                return analysis.UnconditionallyAllowed.Count > 0
                    ? RuleOutcome.Fail($"custom profile {profile} (defaultAction {analysis.DefaultAction}) allows {string.Join(", ", analysis.UnconditionallyAllowed)} for unprivileged containers")
                    : RuleOutcome.Pass($"custom profile {profile} allows none of {string.Join(", ", SeccompProfileAnalysis.NamespaceSyscalls)} without CAP_SYS_ADMIN or a CLONE_NEWUSER mask");
            }
            catch (JsonException e)
            {
                return RuleOutcome.Fail($"custom profile {profile} is not a valid seccomp profile: {e.Message}");
            }
        }
    }
}
