using System;
using DockerHarden.Models;
using DockerHarden.Secrets;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH128: the container (or its image) defines a healthcheck (CIS 5.27).</summary>
    internal sealed class HealthcheckDefined : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH128", nameof(HealthcheckDefined), "Define a healthcheck", Severity.Low,
            "-", "5.27", "--health-cmd \"CMD\" --health-interval 30s / compose healthcheck: { test: [...] } (or HEALTHCHECK in the image)");

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var test = context.Container.HealthcheckTest;
            if (test.Count == 0)
            {
                return RuleOutcome.Fail("no healthcheck in the container or its image", Severity.Low);
            }

            if (string.Equals(test[0].Trim(), "NONE", StringComparison.OrdinalIgnoreCase))
            {
                return RuleOutcome.Fail("the healthcheck is disabled (NONE)", Severity.Low);
            }

            // The command may carry credentials (wget http://admin:PASSWORD@localhost/); only argv masking knows that "--password",
            // "my pw" is one value, which the finding's text mask cannot see once the arguments are joined.
            return RuleOutcome.Pass($"healthcheck: {SecretMask.Command(test)}");
        }
    }
}
