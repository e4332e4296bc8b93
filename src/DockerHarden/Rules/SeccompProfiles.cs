using System;

namespace DockerHarden.Rules
{
    /// <summary>Names the engine gives its seccomp profile in info security options.</summary>
    internal static class SeccompProfiles
    {
        public static bool IsUnconfined(string profile) => string.Equals(profile, "unconfined", StringComparison.OrdinalIgnoreCase);

        public static bool IsBuiltIn(string profile) =>
            string.Equals(profile, "default", StringComparison.OrdinalIgnoreCase) || string.Equals(profile, "builtin", StringComparison.OrdinalIgnoreCase);
    }
}
