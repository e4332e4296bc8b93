using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH112: the container has its own IPC namespace; private, shareable and none pass (guide §6.1, CIS 5.17).</summary>
    internal sealed class NoSharedIpcNamespace : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH112", nameof(NoSharedIpcNamespace), "Do not share the host's or another container's IPC namespace", Severity.Critical,
            "6.1", "5.17", "remove --ipc / remove compose ipc:");

        public override string Description => "Checks that the container does not share the host's IPC namespace (Critical) or another container's (High); joining a container judges what that container shares.";

        public override string Rationale => "Shared IPC exposes shared memory segments and semaphores, so a container can read or corrupt the memory of host processes or other containers (guide 6.1, CIS 5.17).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.IpcMode };

        public override RuleFix Fix { get; } = RuleFix.Safe(new ClearSetting(Setting.IpcMode, "private"));

        public override RuleOutcome Evaluate(ContainerContext context) =>
            NamespaceModes.SharedNamespace("IpcMode", context.Container.IpcMode, "shared memory and semaphores",
                context.Fleet, c => c.IpcMode);
    }
}
