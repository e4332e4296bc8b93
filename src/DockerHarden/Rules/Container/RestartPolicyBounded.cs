using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH129: a failing container is not restarted forever (CIS 5.15).</summary>
    internal sealed class RestartPolicyBounded : ContainerRule
    {
        private const long MaxRetries = 5;

        public override RuleInfo Info { get; } = new(
            "DH129", nameof(RestartPolicyBounded), "Bound the restart policy to at most 5 retries", Severity.Low,
            "-", "5.15", $"--restart {FixDefaults.BuiltIn.RestartPolicy}:{FixDefaults.BuiltIn.RestartRetries} / compose restart: {FixDefaults.BuiltIn.RestartPolicy}:{FixDefaults.BuiltIn.RestartRetries} (or deploy.restart_policy.max_attempts: {FixDefaults.BuiltIn.RestartRetries})");

        public override string Description => "Checks the restart policy: always, unless-stopped or more than 5 on-failure retries is a Low.";

        public override string Rationale => "An unbounded restart loop hides a failing or compromised container and can exhaust the host; a bounded on-failure policy surfaces the fault (CIS 5.15).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.RestartPolicy };

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetRestartPolicy());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var policy = context.Container.RestartPolicy.Trim().ToLowerInvariant();
            var retries = context.Container.RestartMaxRetries;
            switch (policy)
            {
                case "":
                case "no":
                    return RuleOutcome.Pass($"restart policy is {(policy.Length == 0 ? "unset (no)" : "no")}");
                case "always":
                case "unless-stopped":
                    return RuleOutcome.Fail($"restart policy is {policy}: restarts without bound", Severity.Low);
                case "on-failure":
                    // MaximumRetryCount 0 with on-failure means retry forever.
                    if (retries <= 0)
                    {
                        return RuleOutcome.Fail("restart policy is on-failure with no retry limit (MaximumRetryCount 0)", Severity.Low);
                    }

                    return retries > MaxRetries
                        ? RuleOutcome.Fail($"restart policy is on-failure:{retries}, more than {MaxRetries} retries", Severity.Low)
                        : RuleOutcome.Pass($"restart policy is on-failure:{retries}");
                default:
                    return RuleOutcome.Fail($"unknown restart policy '{policy}'", Severity.Low);
            }
        }
    }
}
