using System.Collections.Generic;
using DockerHarden.Rules.Daemon;

namespace DockerHarden.Rules
{
    internal static partial class RuleCatalog
    {
        /// <summary>The daemon and host rules DH001-DH021, in id order.</summary>
        public static IReadOnlyList<DaemonRule> DaemonRules { get; } = new DaemonRule[]
        {
            new DockerGroupExclusive(),
            new DaemonNotExposedWithoutTls(),
            new DockerSocketPermissions(),
            new DefaultBridgeDisabled(),
            new InterContainerTrafficRestricted(),
            new UserNamespaceRemap(),
            new SeccompBlocksNewUserNamespaces(),
            new UnprivilegedUsernsCloneDisabled(),
            new NoDefaultCgroupParent(),
            new DockerRootOnSeparatePartition(),
            new CentralLogDriver(),
            new DefaultSeccompEnabled(),
            new AppArmorEnforced(),
            new NoNewPrivilegesDefault(),
            new LiveRestoreEnabled(),
            new UserlandProxyDisabled(),
            new NoInsecureRegistries(),
            new AuthorizationPlugin(),
            new DaemonFilePermissions(),
            new ExperimentalDisabled(),
            new DaemonConfigValid(),
        };
    }
}
