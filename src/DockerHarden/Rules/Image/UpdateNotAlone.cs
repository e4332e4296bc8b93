using System.Linq;
using System.Text.RegularExpressions;
using DockerHarden.Models;

namespace DockerHarden.Rules.Image
{
    /// <summary>DH305: a package index update is never a build step of its own (CIS 4.7).</summary>
    internal sealed class UpdateNotAlone : ImageRule
    {
        private static readonly Regex Update = new(@"\b(apt-get|apt|apk|yum|dnf|zypper|microdnf)\s+(-\S+\s+)*(update|makecache|refresh|check-update)\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex Install = new(@"\b(apt-get|apt|apk|yum|dnf|zypper|microdnf)\s+(-\S+\s+)*(install|add|upgrade|dist-upgrade|in)\b|\bapk\s+add\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public override RuleInfo Info { get; } = new(
            "DH305", nameof(UpdateNotAlone), "Update the package index in the same step as the install", Severity.Low,
            "-", "4.7", "RUN apt-get update && apt-get install -y --no-install-recommends PKG && rm -rf /var/lib/apt/lists/* (one RUN)");

        public override string Description =>
            "Checks the build steps for a package index update (apt-get update, apk update, yum makecache...) with no install or upgrade in the same step.";

        public override string Rationale =>
            "The build cache keeps an update step that stands alone: later installs then read a stale index, so rebuilds silently miss security updates.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            var alone = context.Image.History.Where(s => Update.IsMatch(s.Command) && !Install.IsMatch(s.Command)).Select(s => s.Index).ToList();
            return alone.Count > 0
                ? RuleOutcome.Fail($"package index updated without an install in the same step: step {string.Join(", ", alone)}")
                : RuleOutcome.Pass("no build step updates a package index on its own");
        }
    }
}
