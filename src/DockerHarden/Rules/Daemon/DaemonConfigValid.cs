using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>
    /// DH021: daemon.json parses. A malformed file is a finding rather than an error because the engine keeps running
    /// on its old settings until its next restart, which then fails: worth a Fail in the report, not a crash of the audit.
    /// </summary>
    internal sealed class DaemonConfigValid : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH021", nameof(DaemonConfigValid), "daemon.json is valid JSON that dockerd can load", Severity.High,
            "-", "-", "fix the JSON at the line and column named (dockerd will not start with it)");

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var config = context.Facts.Config;
            if (config.Error is { } error)
            {
                return RuleOutcome.Fail($"{error.Path}:{error.Line}:{error.Column}: {error.Message}");
            }

            if (config.Settings is null)
            {
                return RuleOutcome.NotApplicable(config.UnavailableReason);
            }

            return config.Exists
                ? RuleOutcome.Pass($"{config.Path} parses ({config.PathSource})")
                : RuleOutcome.Pass($"no daemon.json at {config.Path} ({config.PathSource}): flags and defaults only");
        }
    }
}
