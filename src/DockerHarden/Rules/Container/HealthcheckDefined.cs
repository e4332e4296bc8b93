using System;
using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;
using DockerHarden.Secrets;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH128: the container (or its image) defines a healthcheck (CIS 5.27).</summary>
    internal sealed class HealthcheckDefined : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH128", nameof(HealthcheckDefined), "Define a healthcheck", Severity.Low,
            "-", "5.27", "--health-cmd \"CMD\" --health-interval 30s / compose healthcheck: { test: [...] } (or HEALTHCHECK in the image)");

        public override string Description => "Checks that the container or its image defines a healthcheck.";

        public override string Rationale => "Without a healthcheck the engine cannot tell a hung or compromised service from a working one, so it is neither restarted nor reported (CIS 5.27).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Healthcheck };

        // The image may carry a HEALTHCHECK that a declaration cannot show: unknown, not a plain failure.
        public override RuleOutcome Declared(RuleOutcome evaluated, DeclaredService service) =>
            service.Container.HealthcheckTest.Count == 0
                ? RuleOutcome.Warn("no healthcheck in the service; the image may define one (not visible in the file)", Severity.Low)
                : evaluated;

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
