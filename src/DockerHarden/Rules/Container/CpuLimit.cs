using System.Collections.Generic;
using System.Globalization;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH118: the container has a hard CPU limit (guide §7.3, CIS 5.12).</summary>
    internal sealed class CpuLimit : ContainerRule
    {
        private const long DefaultCpuPeriod = 100_000;

        public override RuleInfo Info { get; } = new(
            "DH118", nameof(CpuLimit), "Limit the container's CPU", Severity.Medium,
            "7.3", "5.12", $"--cpus {FixDefaults.BuiltIn.Cpus} / compose cpus: {FixDefaults.BuiltIn.Cpus} or deploy.resources.limits.cpus: \"{FixDefaults.BuiltIn.Cpus}\"");

        public override string Description => "Checks that the container has a CPU limit (--cpus, or a CPU quota); CPU shares alone are a weight, not a limit.";

        public override string Rationale => "Without a limit one container can use every core and starve the host and its neighbours (guide 7.3, CIS 5.12).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Cpus, Setting.CpuQuota, Setting.CpuPeriod, Setting.CpuShares };

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetCpus());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var c = context.Container;
            if (c.NanoCpus > 0)
            {
                return RuleOutcome.Pass($"NanoCpus {c.NanoCpus} ({Cpus(c.NanoCpus / 1e9)} CPUs)");
            }

            if (c.CpuQuota > 0)
            {
                var period = c.CpuPeriod > 0 ? c.CpuPeriod : DefaultCpuPeriod;
                return RuleOutcome.Pass($"CpuQuota {c.CpuQuota} per CpuPeriod {period} ({Cpus((double)c.CpuQuota / period)} CPUs)");
            }

            return c.CpuShares > 0
                ? RuleOutcome.Fail($"no CPU limit: CpuShares {c.CpuShares} is a weight, not a limit; NanoCpus and CpuQuota are unset")
                : RuleOutcome.Fail("no CPU limit: NanoCpus and CpuQuota are unset");
        }

        private static string Cpus(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
    }
}
