using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Views.Image
{
    /// <summary>The image view: which images a selection names, and one image's facts turned into a report.</summary>
    internal static class ImageAuditor
    {
        /// <summary>True when the name has a wildcard, so it is matched against the image list instead of asked of the engine.</summary>
        public static bool IsPattern(string name) => name.IndexOfAny(new[] { '*', '?' }) >= 0;

        /// <summary>
        /// The images a wildcard names: a pattern matches a repo:tag, or (without ':') a repository, or an id (with or
        /// without sha256:). Each match keeps the tag it matched by, which DH307 then judges.
        /// </summary>
        public static IEnumerable<(ImageSummary Image, string Reference)> Match(string pattern, IReadOnlyList<ImageSummary> images)
        {
            foreach (var image in images)
            {
                var tag = image.RepoTags.FirstOrDefault(t => Wildcard.IsMatch(pattern, t) ||
                    (!pattern.Contains(':') && Wildcard.IsMatch(pattern, Repository(t))));
                if (tag is not null)
                {
                    yield return (image, tag);
                }
                else if (Wildcard.IsMatch(pattern, image.Id) || Wildcard.IsMatch(pattern, ShortId(image.Id, full: true)))
                {
                    yield return (image, image.RepoTags.FirstOrDefault() ?? "");
                }
            }
        }

        /// <summary>The repository of repo:tag (a ':' before the last '/' is a registry port).</summary>
        public static string Repository(string reference)
        {
            var slash = reference.LastIndexOf('/');
            var colon = reference.IndexOf(':', slash + 1);
            return colon < 0 ? reference : reference.Substring(0, colon);
        }

        /// <summary>The id without sha256:, cut to 12 characters as docker images shows it (or whole).</summary>
        public static string ShortId(string id, bool full = false)
        {
            var bare = id.StartsWith("sha256:", StringComparison.Ordinal) ? id.Substring(7) : id;
            return full || bare.Length <= 12 ? bare : bare.Substring(0, 12);
        }

        /// <summary>
        /// The reference the image is judged by: what the user named when it is a name (not an id), else the image's
        /// first repo:tag; empty for an untagged image.
        /// </summary>
        public static string ReferenceFor(string asked, ImageAuditFacts facts)
        {
            var bare = asked.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) ? asked.Substring(7) : asked;
            var isId = bare.Length >= 4 && bare.All(Uri.IsHexDigit) && ShortId(facts.Id, full: true).StartsWith(bare, StringComparison.OrdinalIgnoreCase);
            return asked.Length > 0 && !isId ? asked : facts.RepoTags.FirstOrDefault() ?? "";
        }

        /// <summary>Evaluates the rules over one image's facts.</summary>
        public static ImageHardeningReport Report(ImageAuditFacts facts, ImageAuditOptions options, string endpoint)
        {
            var context = new ImageContext(facts, options.MaxAge, options.AllowedSetIdFiles);
            var target = facts.Reference.Length > 0 ? facts.Reference : ShortId(facts.Id);
            var findings = options.Waive(options.Rules.Select(r => RuleEngine.ToFinding(r.Info, r.Evaluate(context), target))
                .Where(f => f.Severity >= options.MinimumSeverity));
            return new ImageHardeningReport(target, facts.Id, facts.RepoTags, facts.Created, facts.User, facts.SetIdFiles is not null,
                endpoint, findings, options.FailOn);
        }
    }

    /// <summary>What Get-ImageHardening asks of every image.</summary>
    internal sealed class ImageAuditOptions
    {
        public IReadOnlyList<ImageRule> Rules { get; init; } = Array.Empty<ImageRule>();
        public TimeSpan? MaxAge { get; init; }
        public IReadOnlyCollection<string> AllowedSetIdFiles { get; init; } = Array.Empty<string>();
        public bool SkipLayerScan { get; init; }
        public Severity MinimumSeverity { get; init; } = Severity.Info;
        public Severity FailOn { get; init; } = Severity.High;
        public Func<IEnumerable<HardeningFinding>, IReadOnlyList<HardeningFinding>> Waive { get; init; } = f => f.ToList();
    }
}
