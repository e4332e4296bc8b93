using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH130: no credential is passed as a literal environment variable (CIS 4.10). Evidence names variables, never values.</summary>
    internal sealed class NoSecretsInEnvironment : ContainerRule
    {
        private static readonly string[] CredentialWords =
        {
            "PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY",
        };

        public override RuleInfo Info { get; } = new(
            "DH130", nameof(NoSecretsInEnvironment), "Do not pass secrets in environment variables", Severity.High,
            "-", "4.10",
            "docker secret / a read-only mounted file and NAME_FILE=/run/secrets/NAME instead of -e NAME=VALUE / compose secrets: and environment: NAME_FILE");

        public override string Description => "Checks environment variable names that look like credentials (PASSWORD, SECRET, TOKEN, API_KEY...) with a literal value; the value itself is never shown.";

        public override string Rationale => "Environment variables are readable by anyone who can inspect the container, appear in docker inspect, logs and crash dumps, and are inherited by child processes: secrets belong in secrets or files (CIS 4.10).";

        // Credential words that only count at the end of a name: PASS is also in BYPASS and PASSAGE, and PWD alone is
        // the shell's working directory.
        private static readonly string[] CredentialSuffixes = { "_PASS", "_PWD", "_PASSWD" };

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Environment };

        // The rule judges variable names: a value known only at run time still has its name.
        public override bool JudgesUnknownValues => true;

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var env = context.Container.Environment;
            var named = env.Where(e => e.HasValue && LooksLikeCredential(e.Name) && e.Shape == EnvValueShape.Literal).Select(e => e.Name).ToList();
            var urls = env.Where(e => e.UrlCredential && !named.Contains(e.Name, StringComparer.Ordinal)).Select(e => e.Name).ToList();
            var parts = new List<string>();
            if (named.Count > 0)
            {
                parts.Add("credential-like variables carry literal values: " + string.Join(", ", named));
            }

            if (urls.Count > 0)
            {
                parts.Add("connection strings carry an inline password (between the user name and @host): " + string.Join(", ", urls));
            }

            return parts.Count > 0
                ? RuleOutcome.Fail(string.Join("; ", parts))
                : RuleOutcome.Pass("no credential-like environment variable carries a literal value, and no connection string an inline password");
        }

        internal static bool LooksLikeCredential(string name)
        {
            var upper = name.Trim().ToUpperInvariant();
            // NAME_FILE is the convention for a path to a mounted secret file, which is what we recommend.
            if (upper.EndsWith("_FILE", StringComparison.Ordinal))
            {
                return false;
            }

            return CredentialWords.Any(w => upper.Contains(w, StringComparison.Ordinal)) ||
                CredentialSuffixes.Any(w => upper.EndsWith(w, StringComparison.Ordinal));
        }
    }
}
