using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Rules.Container;

namespace DockerHarden.Rules
{
    /// <summary>The one list of rules. A rule is declared once, in its own file, and registered here.</summary>
    internal static partial class RuleCatalog
    {
        public static IReadOnlyList<ContainerRule> ContainerRules { get; } = new ContainerRule[]
        {
            new RunAsNonRootUser(),
            new DropAllCapabilities(),
            new NoSensitiveCapabilities(),
            new NotPrivileged(),
            new NoSensitiveHostMounts(),
            new NoDockerSocketMount(),
            new DevicesLeastPermission(),
            new NoHostNetwork(),
            new NotOnDefaultBridge(),
            new DedicatedNetworkPerConnection(),
            new NoSharedPidNamespace(),
            new NoSharedIpcNamespace(),
            new NoSharedUtsNamespace(),
            new NoHostUserNamespace(),
            new NoCgroupParent(),
            new MemoryLimit(),
            new MemorySwapLimit(),
            new CpuLimit(),
            new ReadOnlyRootFilesystem(),
            new StorageQuota(),
            new PidsLimit(),
            new NoNewPrivileges(),
            new SeccompConfined(),
            new AppArmorConfined(),
            new LogsExported(),
            new PortsBoundToInterface(),
            new NoSharedMountPropagation(),
            new HealthcheckDefined(),
            new RestartPolicyBounded(),
            new NoSecretsInEnvironment(),
            new ImagePinned(),
            new SELinuxLabelNotDisabled(),
            new NoPrivilegedHostPort(),
        };

        /// <summary>Rules whose id matches an include pattern (all when none) and no exclude pattern; wildcards allowed.</summary>
        public static IReadOnlyList<T> Select<T>(IEnumerable<T> rules, Func<T, RuleInfo> info,
            IReadOnlyCollection<string>? include, IReadOnlyCollection<string>? exclude)
        {
            return rules.Where(r =>
                    (include is null || include.Count == 0 || include.Any(p => Matches(p, info(r).Id, info(r).Name))) &&
                    (exclude is null || !exclude.Any(p => Matches(p, info(r).Id, info(r).Name))))
                .ToList();
        }

        /// <summary>True when a rule id or name matches the pattern (case-insensitive; * and ? wildcards).</summary>
        public static bool Matches(string pattern, string id, string name) =>
            Wildcard.IsMatch(pattern, id) || Wildcard.IsMatch(pattern, name);
    }
}
