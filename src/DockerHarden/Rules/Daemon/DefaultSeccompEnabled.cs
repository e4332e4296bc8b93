using System.Text.Json;
using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH012: every container gets a seccomp profile that blocks something (guide §9.1, CIS 2.17).</summary>
    internal sealed class DefaultSeccompEnabled : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH012", nameof(DefaultSeccompEnabled), "Confine containers with a seccomp profile by default", Severity.High,
            "9.1", "2.17", "remove \"seccomp-profile\" from daemon.json (the built-in default profile)");

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
                return RuleOutcome.Fail("the daemon's default seccomp profile is unconfined");
            }

            if (SeccompProfiles.IsBuiltIn(profile))
            {
                return RuleOutcome.Pass($"seccomp with the built-in {profile} profile");
            }

            if (facts.Config.SeccompProfileText is not { } text)
            {
                return RuleOutcome.Pass($"seccomp with the custom profile {profile} (not readable here: {facts.Config.SeccompProfileError})");
            }

            try
            {
                var analysis = SeccompProfileAnalysis.Analyse(text);
                return analysis.BlocksAnything
                    ? RuleOutcome.Pass($"seccomp with the custom profile {profile} (defaultAction {analysis.DefaultAction})")
                    : RuleOutcome.Fail($"custom profile {profile} allows every syscall (defaultAction {analysis.DefaultAction}, no denying rule): effectively unconfined");
            }
            catch (JsonException e)
            {
                return RuleOutcome.Fail($"custom profile {profile} is not a valid seccomp profile: {e.Message}");
            }
        }
    }
}
