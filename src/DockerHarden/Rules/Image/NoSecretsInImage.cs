using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Secrets;

namespace DockerHarden.Rules.Image
{
    /// <summary>
    /// DH303: no credential-like value in the image's ENV, labels or build history (CIS 4.10). What looks like a
    /// credential is <see cref="SecretMask"/>'s decision; evidence names variables and steps, never values.
    /// </summary>
    internal sealed class NoSecretsInImage : ImageRule
    {
        // NAME=value in a recorded step: build args ("|2 DB_PASSWORD=x /bin/sh -c ..."), ENV and ARG lines, exports.
        private static readonly Regex Assignment = new(@"(?<![\w.\-])(?<name>[A-Za-z_][\w.\-]*)=(?<value>""[^""]*""|'[^']*'|[^\s""';&|]*)",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        public override RuleInfo Info { get; } = new(
            "DH303", nameof(NoSecretsInImage), "Keep credentials out of the image's ENV, labels and build history", Severity.High,
            "-", "4.10", "RUN --mount=type=secret,id=NAME (BuildKit) at build time, and a mounted secret file (NAME_FILE=/run/secrets/NAME) at run time; never ENV/ARG/LABEL with the value");

        public override string Description =>
            "Checks the names of the image's ENV entries and labels, and the assignments recorded in its build history (build args, ENV, exports), for credential-like names with literal values, and connection strings with an inline password. Only names and step numbers are reported.";

        public override string Rationale =>
            "Everything in an image's configuration and history is readable by anyone who can pull it (docker inspect, docker history): a password baked into ENV or passed as a build arg is published with every copy of the image.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            var image = context.Image;
            var parts = new List<string>();
            var env = Credentials(image.Environment);
            if (env.Count > 0)
            {
                parts.Add("ENV entries with credential-like values: " + string.Join(", ", env));
            }

            var labels = Credentials(image.Labels);
            if (labels.Count > 0)
            {
                parts.Add("labels with credential-like values: " + string.Join(", ", labels));
            }

            var steps = image.History
                .Select(step => (step.Index, Names: HistoryCredentials(step.Command)))
                .Where(s => s.Names.Count > 0)
                .Select(s => $"step {s.Index} ({string.Join(", ", s.Names)})")
                .ToList();
            if (steps.Count > 0)
            {
                parts.Add("build history records credential-like values in " + string.Join(", ", steps));
            }

            return parts.Count > 0
                ? RuleOutcome.Fail(string.Join("; ", parts))
                : RuleOutcome.Pass("no credential-like value in ENV, labels or the build history");
        }

        /// <summary>True for a name that looks like a credential's (SecretMask's words), except NAME_FILE, the recommended path to a secret file.</summary>
        internal static bool IsCredentialName(string name) =>
            SecretMask.IsSecretName(name) && !name.Trim().EndsWith("_FILE", StringComparison.OrdinalIgnoreCase);

        private static List<string> Credentials(IEnumerable<EnvVarFact> entries) =>
            entries.Where(e => (e.HasValue && e.Shape == EnvValueShape.Literal && IsCredentialName(e.Name)) || e.UrlCredential)
                .Select(e => e.Name).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>The credential-like names assigned a literal value in one recorded step; the values are read and dropped.</summary>
        internal static IReadOnlyList<string> HistoryCredentials(string command)
        {
            var names = new List<string>();
            foreach (Match m in Assignment.Matches(command))
            {
                var name = m.Groups["name"].Value;
                var value = m.Groups["value"].Value.Trim('"', '\'');
                var shape = EnvValues.Shape(value);
                var literal = shape == EnvValueShape.Literal && !value.StartsWith("$", StringComparison.Ordinal);
                if ((literal && IsCredentialName(name)) || EnvValues.HasUrlCredential(value))
                {
                    names.Add(name);
                }
            }

            return names.Distinct(StringComparer.Ordinal).ToList();
        }
    }
}
