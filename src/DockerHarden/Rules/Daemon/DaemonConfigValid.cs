using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>
    /// DH021: daemon.json is a file dockerd 20.10 loads, and loads as written. A file dockerd refuses (not JSON, empty,
    /// a byte order mark, an unknown key, a value of the wrong type) is a Fail rather than an error because the engine
    /// keeps running on its old settings until its next restart, which then fails: worth a Fail in the report, not a
    /// crash of the audit. A file dockerd loads otherwise than it says (an ignored key, a duplicate, text after the
    /// object, bytes that are not UTF-8) is a Warn.
    /// </summary>
    internal sealed class DaemonConfigValid : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH021", nameof(DaemonConfigValid), "daemon.json is valid JSON that dockerd can load", Severity.High,
            "-", "-", "fix the key at the line and column named (dockerd will not start with it)");

        public override string Description => "Checks that daemon.json parses as JSON that dockerd accepts; the rules that need it are NotApplicable when it does not.";

        public override string Rationale => "dockerd refuses to start with an invalid daemon.json, so the next restart (a reboot, an upgrade) takes every container down; and nothing else in the file can be judged.";

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var config = context.Facts.Config;
            if (config.Errors.Count > 0)
            {
                return RuleOutcome.Fail(Describe(config.Errors));
            }

            if (config.Settings is null)
            {
                return RuleOutcome.NotApplicable(config.UnavailableReason);
            }

            if (config.Warnings.Count > 0)
            {
                return RuleOutcome.Warn(Describe(config.Warnings), Severity.Medium,
                    "fix the key at the line and column named: dockerd starts, but does not apply what the file says there");
            }

            return config.Exists
                ? RuleOutcome.Pass($"{config.Path} parses and every key has the type dockerd 20.10 reads ({config.PathSource})")
                : RuleOutcome.Pass($"no daemon.json at {config.Path} ({config.PathSource}): flags and defaults only");
        }

        /// <summary>The first three problems as file:line:column: message, and how many more.</summary>
        private static string Describe(IReadOnlyList<ConfigError> problems)
        {
            var shown = string.Join("; ", problems.Take(3).Select(p => p.ToString()));
            return problems.Count > 3 ? $"{shown}; and {problems.Count - 3} more" : shown;
        }
    }
}
