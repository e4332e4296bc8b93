using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH131: the image reference names a tag other than latest, or a digest (CIS 5.28).</summary>
    internal sealed class ImagePinned : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH131", nameof(ImagePinned), "Pin the image to a tag or digest", Severity.Info,
            "-", "5.28", "docker run IMAGE:1.2.3 or IMAGE@sha256:... / compose image: IMAGE:1.2.3 or IMAGE@sha256:...");

        public override string Description => "Checks that the image is pinned to a tag other than latest, or a digest.";

        public override string Rationale => "An unpinned image changes under the container when it is pulled again: what runs is not what was reviewed, and a compromised upstream tag is adopted silently (CIS 5.28).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Image };

        public override RuleOutcome Declared(RuleOutcome evaluated, DeclaredService service) =>
            service.Container.Image.Length == 0 && service.BuiltFromContext
                ? RuleOutcome.NotApplicable("the service is built from a build context and names no image to pin")
                : evaluated;

        public override RuleOutcome Evaluate(ContainerContext context) => Judge(context.Container.Image);

        /// <summary>The judgement of one image reference, shared with the image view (DH307).</summary>
        internal static RuleOutcome Judge(string reference)
        {
            var image = reference.Trim();
            if (image.Contains("@sha256:", StringComparison.OrdinalIgnoreCase))
            {
                return RuleOutcome.Pass($"image '{image}' is pinned by digest");
            }

            if (image.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) || IsHexId(image))
            {
                return RuleOutcome.Pass($"created from image id '{image}'");
            }

            // A ':' before the last '/' belongs to the registry host:port (localhost:5000/app), not to a tag.
            var lastSegment = image.Substring(image.LastIndexOf('/') + 1);
            int colon = lastSegment.IndexOf(':');
            if (colon < 0)
            {
                return RuleOutcome.Fail($"image '{image}' has no tag or digest (means latest)", Severity.Info);
            }

            var tag = lastSegment.Substring(colon + 1);
            // "stable-alpine" and "lts-slim" float as their parts do; "1.27-alpine" is a pin.
            return tag.ToLowerInvariant().Split('-').All(FloatingTags.Contains)
                ? RuleOutcome.Fail($"image '{image}' uses the floating tag '{tag}' (it moves to each new release) and no digest", Severity.Info)
                : RuleOutcome.Pass($"image '{image}' is pinned to tag '{tag}'");
        }

        /// <summary>
        /// Tags that name a channel rather than a release: the image under them changes with every push. A version with
        /// a variant ("1.27-alpine") is a pin; the variant alone ("alpine") is not.
        /// </summary>
        internal static readonly System.Collections.Generic.IReadOnlySet<string> FloatingTags = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal)
        {
            "latest", "stable", "lts", "edge", "mainline", "alpine", "slim", "current", "nightly", "rolling", "canary", "beta",
            "dev", "develop", "main", "master", "test", "testing", "unstable",
        };

        private static bool IsHexId(string image) =>
            image.Length == 64 && image.All(ch => ch is >= '0' and <= '9' or >= 'a' and <= 'f');
    }
}
