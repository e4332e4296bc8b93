using System;
using System.Text.Json;
using DockerHarden.Facts;

namespace DockerHarden.Rules
{
    /// <summary>Names the engine gives its seccomp profile in info security options, and the judgement both seccomp rules share.</summary>
    internal static class SeccompProfiles
    {
        public static bool IsUnconfined(string profile) => string.Equals(profile, "unconfined", StringComparison.OrdinalIgnoreCase);

        public static bool IsBuiltIn(string profile) =>
            string.Equals(profile, "default", StringComparison.OrdinalIgnoreCase) || string.Equals(profile, "builtin", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// No seccomp, unconfined and an unparsable custom profile fail for both DH007 and DH012; the rules differ only
        /// in what they say about the built-in profile, an unreadable custom one, and a custom one they can analyse.
        /// </summary>
        public static RuleOutcome Judge(DaemonFacts facts, Func<string, RuleOutcome> builtIn, Func<string, string, RuleOutcome> unreadable,
            Func<string, SeccompProfileAnalysis, RuleOutcome> custom)
        {
            var profile = facts.Engine.SeccompProfile;
            if (profile is null)
            {
                return RuleOutcome.Fail("the engine runs without seccomp (no name=seccomp in info security options)");
            }

            if (IsUnconfined(profile))
            {
                return RuleOutcome.Fail("the daemon's default seccomp profile is unconfined");
            }

            if (IsBuiltIn(profile))
            {
                return builtIn(profile);
            }

            if (facts.Config.SeccompProfileText is not { } text)
            {
                return unreadable(profile, facts.Config.SeccompProfileError);
            }

            try
            {
                return custom(profile, SeccompProfileAnalysis.Analyse(text));
            }
            catch (JsonException e)
            {
                return RuleOutcome.Fail($"custom profile {profile} is not a valid seccomp profile: {e.Message}");
            }
        }
    }
}
