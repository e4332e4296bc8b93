using DockerHarden.Models;
using DockerHarden.Rules.Container;

namespace DockerHarden.Rules.Image
{
    /// <summary>DH307: the image is referenced by digest or a version tag, not latest; the judgement is DH131's.</summary>
    internal sealed class ImageReferencePinned : ImageRule
    {
        public override RuleInfo Info { get; } = new(
            "DH307", nameof(ImageReferencePinned), "Reference the image by a version tag or a digest", Severity.Info,
            "-", "-", "tag releases (IMAGE:1.2.3) and deploy by IMAGE:1.2.3 or IMAGE@sha256:...; FROM IMAGE:1.2.3 or IMAGE@sha256:... in Dockerfiles");

        public override string Description =>
            "Checks the image's reference (the name it was asked by, else its first repo:tag) as the container rule DH131 does: a digest or a version tag passes; no tag, latest and other floating channel tags fail.";

        public override string Rationale =>
            "A floating tag names whatever was pushed last: two hosts (or two builds) that ask for it may get different images, and a rollback has nothing to go back to.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            var reference = context.Image.Reference.Trim();
            if (reference.Length == 0)
            {
                return RuleOutcome.NotApplicable("the image has no repository tag (a dangling or intermediate image)");
            }

            return ImagePinned.Judge(reference);
        }
    }
}
