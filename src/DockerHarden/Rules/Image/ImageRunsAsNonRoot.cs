using DockerHarden.Models;
using DockerHarden.Rules.Container;

namespace DockerHarden.Rules.Image
{
    /// <summary>DH301: the image's configuration names a non-root USER (CIS 4.1).</summary>
    internal sealed class ImageRunsAsNonRoot : ImageRule
    {
        public override RuleInfo Info { get; } = new(
            "DH301", nameof(ImageRunsAsNonRoot), "Set a non-root USER in the image", Severity.High,
            "-", "4.1", $"USER {Fixes.FixDefaults.BuiltIn.User} in the final stage of the Dockerfile (after the steps that need root)");

        public override string Description =>
            "Checks the USER of the image's configuration (the final stage of its Dockerfile): unset, root and uid 0 fail.";

        public override string Rationale =>
            "A container runs as its image's user unless told otherwise: an image without USER makes every container that forgets --user a root process, one kernel bug away from root on the host.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            var user = context.Image.User.Trim();
            if (user.Length == 0)
            {
                return RuleOutcome.Fail("the image sets no USER, so its containers run as root unless started with --user");
            }

            return RunAsNonRootUser.IsRoot(user)
                ? RuleOutcome.Fail($"the image's USER is '{user}' (uid 0)")
                : RuleOutcome.Pass($"the image's USER is '{user}'");
        }
    }
}
