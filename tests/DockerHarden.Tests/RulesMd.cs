using System;
using System.IO;

namespace DockerHarden.Tests
{
    /// <summary>
    /// The rule catalog contract, shared/RULES.md. It sits beside the checkout on every developer machine and in CI,
    /// so a missing file is a failure, never a quiet pass.
    /// </summary>
    internal static class RulesMd
    {
        public static string Text()
        {
            // .ci/run names the shared folder when the checkout is not beside it (a throwaway clone under /tmp).
            var named = Environment.GetEnvironmentVariable("DOCKERHARDEN_SHARED");
            if (!string.IsNullOrEmpty(named) && File.Exists(Path.Combine(named, "RULES.md")))
            {
                return File.ReadAllText(Path.Combine(named, "RULES.md"));
            }

            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "RULES.md");
                if (File.Exists(candidate))
                {
                    return File.ReadAllText(candidate);
                }
            }

            throw new FileNotFoundException(
                $"shared/RULES.md was not found in any folder above {AppContext.BaseDirectory}: the catalog cannot be checked against its contract. " +
                "Check out the repository beside the shared folder that holds RULES.md.");
        }
    }
}
