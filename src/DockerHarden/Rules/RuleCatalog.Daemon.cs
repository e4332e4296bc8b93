using System.Collections.Generic;

namespace DockerHarden.Rules
{
    internal static partial class RuleCatalog
    {
        /// <summary>The daemon and host rules DH001-DH021, in id order.</summary>
        public static IReadOnlyList<DaemonRule> DaemonRules { get; } = Discover<DaemonRule>();
    }
}
