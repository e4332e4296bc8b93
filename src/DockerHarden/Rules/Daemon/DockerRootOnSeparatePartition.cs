using System;
using System.Linq;
using System.Text.RegularExpressions;
using DockerHarden.Facts;
using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH010: a full Docker root cannot fill the host's root filesystem (guide §7.6, CIS 1.1.1).</summary>
    internal sealed class DockerRootOnSeparatePartition : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH010", nameof(DockerRootOnSeparatePartition), "The Docker root directory is on its own partition", Severity.Low,
            "7.6", "1.1.1", "mount a dedicated filesystem at the Docker root (/var/lib/docker) before dockerd starts");

        public override string Description => "Checks that the Docker root directory (/var/lib/docker or data-root) is a mount point of its own.";

        public override string Rationale => "Images, layers, volumes and logs grow under the Docker root; on the host's root filesystem one container filling its writable layer can fill the host's disk (guide 7.6, CIS 1.1.1).";

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var facts = context.Facts;
            if (!TryGetHost(facts, out var host, out var notApplicable))
            {
                return notApplicable;
            }

            var root = facts.Engine.DockerRootDir.TrimEnd('/');
            if (root.Length == 0)
            {
                return RuleOutcome.NotApplicable("the engine did not report its root directory");
            }

            // With userns-remap the engine reports <data-root>/<uid>.<gid>; the partition belongs on <data-root>.
            var dataRoot = Regex.Replace(root, @"/\d+\.\d+$", "");
            var own = MountAt(host, dataRoot);
            var parentPath = dataRoot.LastIndexOf('/') <= 0 ? "/" : dataRoot.Substring(0, dataRoot.LastIndexOf('/'));
            var parent = MountAt(host, parentPath);
            if (own is null || parent is null)
            {
                return RuleOutcome.NotApplicable($"the mount table does not cover {dataRoot}");
            }

            // dockerd bind-mounts its root onto itself when / is not a shared mount: same device, not a partition.
            if (own.MountPoint == dataRoot && own.Device != parent.Device)
            {
                return RuleOutcome.Pass($"{dataRoot} is a mount point of its own ({own.FsType} {own.Source}, device {own.Device})");
            }

            return own.MountPoint == dataRoot
                ? RuleOutcome.Fail($"{dataRoot} is not a mount point of its own: it is a bind mount of device {own.Device}, the filesystem that holds {parentPath}")
                : RuleOutcome.Fail($"{dataRoot} is not a mount point of its own: it lives on {own.MountPoint} ({own.FsType} {own.Source})");
        }

        /// <summary>The mount that holds a path: the longest mount point that is the path or a parent of it; the last one wins.</summary>
        private static HostMount? MountAt(HostFacts host, string path) =>
            host.Mounts
                .Select((m, i) => (Mount: m, Index: i))
                .Where(x => x.Mount.MountPoint == "/" || x.Mount.MountPoint == path ||
                            path.StartsWith(x.Mount.MountPoint.TrimEnd('/') + "/", StringComparison.Ordinal))
                .OrderByDescending(x => x.Mount.MountPoint.Length).ThenByDescending(x => x.Index)
                .Select(x => x.Mount)
                .FirstOrDefault();
    }
}
