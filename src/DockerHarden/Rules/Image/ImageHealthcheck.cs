using System;
using DockerHarden.Models;
using DockerHarden.Secrets;

namespace DockerHarden.Rules.Image
{
    /// <summary>DH302: the image defines a HEALTHCHECK (CIS 4.6).</summary>
    internal sealed class ImageHealthcheck : ImageRule
    {
        public override RuleInfo Info { get; } = new(
            "DH302", nameof(ImageHealthcheck), "Add a HEALTHCHECK to the image", Severity.Low,
            "-", "4.6", "HEALTHCHECK --interval=30s CMD [\"/app/healthcheck\"] in the Dockerfile");

        public override string Description => "Checks that the image's configuration carries a HEALTHCHECK that is not NONE.";

        public override string Rationale =>
            "Without a healthcheck the engine (and an orchestrator) only knows that the process exists, not that it serves: a hung service is never restarted or taken out of rotation.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            var test = context.Image.HealthcheckTest;
            if (test.Count == 0)
            {
                return RuleOutcome.Fail("the image defines no HEALTHCHECK");
            }

            return string.Equals(test[0].Trim(), "NONE", StringComparison.OrdinalIgnoreCase)
                ? RuleOutcome.Fail("the image's HEALTHCHECK is disabled (NONE)")
                : RuleOutcome.Pass($"HEALTHCHECK {SecretMask.Command(test)}");
        }
    }
}
