using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH119: the root filesystem is read-only; writable paths are explicit tmpfs or volumes (guide §7.4, CIS 5.13).</summary>
    internal sealed class ReadOnlyRootFilesystem : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH119", nameof(ReadOnlyRootFilesystem), "Mount the container's root filesystem read-only", Severity.Medium,
            "7.4", "5.13", $"--read-only {string.Concat(FixDefaults.BuiltIn.TmpfsPaths.Select(p => "--tmpfs " + p + " "))}/ compose read_only: true and tmpfs: [{string.Join(", ", FixDefaults.BuiltIn.TmpfsPaths)}]");

        public override string Description => "Checks that the container's root filesystem is read-only.";

        public override string Rationale => "A read-only root stops an attacker from replacing binaries or planting tools inside the container and makes writes go to declared tmpfs or volumes only (guide 7.4, CIS 5.13).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.ReadOnlyRoot };

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetReadOnlyRoot());

        public override RuleOutcome Evaluate(ContainerContext context) =>
            context.Container.ReadonlyRootfs
                ? RuleOutcome.Pass("ReadonlyRootfs is true")
                : RuleOutcome.Fail("ReadonlyRootfs is false: the root filesystem is writable");
    }
}
