using System.Collections.Generic;

namespace DockerHarden.Rules
{
    /// <summary>
    /// A daemon rule that judges kernel settings: it names them, and the host facts collector reads exactly those
    /// (the collector holds no rule's knowledge; a new sysctl rule is one file).
    /// </summary>
    internal interface IReadsSysctls
    {
        /// <summary>Dotted sysctl names, for example kernel.unprivileged_userns_clone.</summary>
        IReadOnlyList<string> Sysctls { get; }
    }
}
