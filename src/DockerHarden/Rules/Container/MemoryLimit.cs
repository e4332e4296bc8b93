using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH116: the container has a memory limit (guide §7.2, CIS 5.11).</summary>
    internal sealed class MemoryLimit : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH116", nameof(MemoryLimit), "Limit the container's memory", Severity.High,
            "7.2", "5.11", $"--memory {FixDefaults.BuiltIn.Memory} / compose mem_limit: {FixDefaults.BuiltIn.Memory} or deploy.resources.limits.memory: {FixDefaults.BuiltIn.Memory.ToUpperInvariant()}");

        public override string Description => "Checks that the container has a memory limit.";

        public override string Rationale => "Without a limit one container can take all the host's memory and have the kernel kill other containers or host services (guide 7.2, CIS 5.11).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Memory };

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetMemoryLimit());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var memory = context.Container.Memory;
            return memory <= 0
                ? RuleOutcome.Fail("Memory is 0: no memory limit")
                : RuleOutcome.Pass($"Memory limit is {Sizes.Format(memory)}");
        }
    }
}
