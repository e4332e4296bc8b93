using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH009: containers get their own cgroups, not a shared parent chosen for all (guide §7.1, CIS 2.10).</summary>
    internal sealed class NoDefaultCgroupParent : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH009", nameof(NoDefaultCgroupParent), "Do not set a default cgroup parent for all containers", Severity.Medium,
            "7.1", "2.10", "remove \"cgroup-parent\" from daemon.json / --cgroup-parent from dockerd");

        public override string Description => "Checks that the daemon sets no default cgroup parent (\"cgroup-parent\") for all containers.";

        public override string Rationale => "A shared custom cgroup parent can place containers under limits or accounting meant for something else; the default parent keeps each container in its own, controlled cgroup (guide 7.1, CIS 2.10).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new RemoveDaemonKey("cgroup-parent"));

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            if (!TryGetSettings(context.Facts, out var settings, out var notApplicable))
            {
                return notApplicable;
            }

            return settings.Text("cgroup-parent") is { } parent
                ? RuleOutcome.Fail($"default cgroup parent is {parent} ({settings.Get("cgroup-parent")!.Source})")
                : RuleOutcome.Pass("\"cgroup-parent\" is not set");
        }
    }
}
