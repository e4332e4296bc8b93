using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH013: the docker-default AppArmor profile is loaded and enforced (guide §9.2).</summary>
    internal sealed class AppArmorEnforced : DaemonRule
    {
        internal const string Profile = "docker-default";

        public override RuleInfo Info { get; } = new(
            "DH013", nameof(AppArmorEnforced), "The docker-default AppArmor profile is enforced", Severity.Medium,
            "9.2", "-", "restart dockerd so it loads docker-default, and aa-enforce any profile left in complain mode");

        public override string Description => "Where the kernel has AppArmor, checks that the docker-default profile is loaded in enforce mode.";

        public override string Rationale => "A profile in complain mode only logs what it should block; AppArmor confines what a container process may touch even when it runs as root (guide 9.2).";

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            if (!TryGetHost(context.Facts, out var host, out var notApplicable))
            {
                return notApplicable;
            }

            var appArmor = host.AppArmor;
            if (!appArmor.Enabled)
            {
                return RuleOutcome.NotApplicable($"AppArmor is not enabled in this kernel ({appArmor.Source})");
            }

            if (!appArmor.Profiles.TryGetValue(Profile, out var mode))
            {
                return RuleOutcome.Fail($"{Profile} is not among the {appArmor.Profiles.Count} loaded profiles ({appArmor.Source})");
            }

            return mode == "enforce"
                ? RuleOutcome.Pass($"{Profile} is loaded in enforce mode")
                : RuleOutcome.Fail($"{Profile} is loaded in {mode} mode", remediation: $"aa-enforce {Profile}");
        }
    }
}
