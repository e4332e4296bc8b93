using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH120: the container's writable layer has a size quota where the storage driver can enforce one (guide §7.5).</summary>
    internal sealed class StorageQuota : ContainerRule
    {
        // Overlay drivers enforce size only on xfs mounted with pquota.
        private static readonly string[] OverlayDrivers = { "overlay2", "overlay", "overlayfs", "fuse-overlayfs" };

        public override RuleInfo Info { get; } = new(
            "DH120", nameof(StorageQuota), "Limit the size of the container's writable layer", Severity.Low,
            "7.5", "-", "--storage-opt size=10G / compose storage_opt: { size: 10G }");

        public override string Description => "Checks that the container's writable layer has a size limit (--storage-opt size), where the storage driver can enforce one.";

        public override string Rationale => "Without a quota, a container writing to its root filesystem can fill the Docker root and every other container's storage with it (guide 7.5).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.StorageOpt };

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetStorageQuota());

        public override RuleOutcome Declared(RuleOutcome evaluated, DeclaredService service) =>
            evaluated.Status != FindingStatus.Pass
                ? RuleOutcome.NotApplicable("host-dependent: whether a storage quota can be enforced depends on the " +
                    "storage driver of the host that runs the file (overlay2 needs xfs with pquota); storage_opt is not set")
                : evaluated;

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var size = context.Container.StorageOpt.FirstOrDefault(kv => string.Equals(kv.Key, "size", StringComparison.OrdinalIgnoreCase));
            if (size.Key is not null)
            {
                return RuleOutcome.Pass($"StorageOpt size={size.Value}");
            }

            var driver = context.Engine.StorageDriver.Trim();
            var backing = context.Engine.BackingFilesystem.Trim();
            if (OverlayDrivers.Contains(driver, StringComparer.OrdinalIgnoreCase) &&
                !string.Equals(backing, "xfs", StringComparison.OrdinalIgnoreCase))
            {
                var on = backing.Length == 0 ? "an unreported backing filesystem" : backing;
                return RuleOutcome.NotApplicable($"{driver} on {on} cannot enforce --storage-opt size (needs xfs with pquota)");
            }

            if (string.Equals(driver, "vfs", StringComparison.OrdinalIgnoreCase))
            {
                return RuleOutcome.NotApplicable("the vfs storage driver cannot enforce --storage-opt size");
            }

            return RuleOutcome.Fail($"no StorageOpt size; the {(driver.Length == 0 ? "storage" : driver)} driver" +
                $"{(backing.Length == 0 ? "" : " on " + backing)} can enforce one", Severity.Low);
        }
    }
}
