using System;
using System.Globalization;
using DockerHarden.Models;

namespace DockerHarden.Rules.Image
{
    /// <summary>DH308: the image was built within -MaxAge (stale images carry old vulnerabilities).</summary>
    internal sealed class ImageNotStale : ImageRule
    {
        public override RuleInfo Info { get; } = new(
            "DH308", nameof(ImageNotStale), "Rebuild images regularly", Severity.Low,
            "-", "-", "rebuild the image from an updated base (docker build --pull --no-cache) on a schedule shorter than -MaxAge");

        public override string Description =>
            "Checks the image's creation time against -MaxAge (180 days by default).";

        public override string Rationale =>
            "An image is frozen at build time: its packages only get security fixes when it is rebuilt. An old image is a list of known, published vulnerabilities.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            if (context.Image.Created is not { } created || created.Year < 1980)
            {
                return RuleOutcome.NotApplicable("the image's creation time is not recorded");
            }

            var age = context.Now - created;
            var days = Math.Floor(age.TotalDays).ToString(CultureInfo.InvariantCulture);
            var limit = Math.Floor(context.MaxAge.TotalDays).ToString(CultureInfo.InvariantCulture);
            var when = created.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return age > context.MaxAge
                ? RuleOutcome.Fail($"created {when}, {days} day(s) ago: older than the maximum age of {limit} day(s)")
                : RuleOutcome.Pass($"created {when}, {days} day(s) ago (maximum {limit})");
        }
    }
}
