using System;
using System.Collections.Generic;
using System.Linq;
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

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Environment };

        // The rule judges variable names: a value known only at run time still has its name.
        public override bool JudgesUnknownValues => true;

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var names = context.Container.Environment
                .Where(e => e.HasValue && LooksLikeCredential(e.Name))
                .Select(e => e.Name)
                .ToList();
            return names.Count > 0
                ? RuleOutcome.Fail("credential-like variables carry literal values: " + string.Join(", ", names))
                : RuleOutcome.Pass("no credential-like environment variable carries a literal value");
        }

        internal static bool LooksLikeCredential(string name)
        {
            var upper = name.Trim().ToUpperInvariant();
            // NAME_FILE is the convention for a path to a mounted secret file, which is what we recommend.
            if (upper.EndsWith("_FILE", StringComparison.Ordinal))
            {
                return false;
            }

            return CredentialWords.Any(w => upper.Contains(w, StringComparison.Ordinal));
        }
    }
}
