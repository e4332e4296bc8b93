using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH117: memory+swap equals memory, so the container cannot swap past its limit (guide §7.2).</summary>
    internal sealed class MemorySwapLimit : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH117", nameof(MemorySwapLimit), "Do not let the container use swap beyond its memory limit", Severity.Medium,
            "7.2", "-", $"--memory-swap equal to --memory (e.g. --memory {FixDefaults.BuiltIn.Memory} --memory-swap {FixDefaults.BuiltIn.Memory}) / compose memswap_limit: equal to mem_limit");

        public override string Description => "Checks that swap is limited: no memory limit or unlimited swap fails, swap beyond the memory limit is a Warn.";

        public override string Rationale => "The guide asks for a maximum of host swap per container as well as memory; unlimited swap lets a container slow the whole host down by paging.";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.MemorySwap, Setting.Memory };

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetMemorySwapEqualToMemory());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var memory = context.Container.Memory;
            var swap = context.Container.MemorySwap;
            if (memory <= 0)
            {
                return RuleOutcome.Fail("Memory is 0: neither memory nor swap is limited");
            }

            if (swap == -1)
            {
                return RuleOutcome.Fail($"MemorySwap is -1: unlimited swap on top of the {Sizes.Format(memory)} memory limit");
            }

            if (swap == 0)
            {
                // Some engines report 0 before filling the default, which is memory+swap = 2x memory.
                return RuleOutcome.Warn($"MemorySwap is unset: the engine default allows swap = {Sizes.Format(memory)} " +
                    $"(memory+swap = 2x the {Sizes.Format(memory)} memory limit)");
            }

            if (swap > memory)
            {
                return RuleOutcome.Warn($"swap allowed = {Sizes.Format(swap - memory)} (MemorySwap {Sizes.Format(swap)} - Memory {Sizes.Format(memory)}); " +
                    "the engine sets memory+swap to 2x memory when only --memory is given");
            }

            return RuleOutcome.Pass($"MemorySwap {Sizes.Format(swap)} equals Memory {Sizes.Format(memory)}: no swap");
        }
    }
}
