using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH121: the number of processes is limited, which stops fork bombs (CIS 5.29).</summary>
    internal sealed class PidsLimit : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH121", nameof(PidsLimit), "Limit the number of processes in the container", Severity.Medium,
            "-", "5.29", $"--pids-limit {FixDefaults.BuiltIn.PidsLimit} / compose pids_limit: {FixDefaults.BuiltIn.PidsLimit}");

        public override string Description => "Checks that the container has a process limit (--pids-limit).";

        public override string Rationale => "A fork bomb in a container without a PID limit exhausts the host's process table and stops every other workload (CIS 5.29).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.PidsLimit };

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetPidsLimit());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var limit = context.Container.PidsLimit;
            if (limit is null)
            {
                return RuleOutcome.Fail("PidsLimit is not set: unlimited processes");
            }

            return limit <= 0
                ? RuleOutcome.Fail($"PidsLimit is {limit}: unlimited processes")
                : RuleOutcome.Pass($"PidsLimit is {limit}");
        }
    }
}
