using System;
using DockerHarden.Models;

namespace DockerHarden.Rules
{
    /// <summary>Reading --pid/--ipc/--uts style namespace modes: host, container:ID or private.</summary>
    internal static class NamespaceModes
    {
        public static bool IsHost(string mode) => string.Equals(mode.Trim(), "host", StringComparison.OrdinalIgnoreCase);

        public static bool IsContainer(string mode) => mode.Trim().StartsWith("container:", StringComparison.OrdinalIgnoreCase);

        /// <summary>Fail Critical for host, High for container:ID, otherwise Pass; shared by DH111 and DH112.</summary>
        public static RuleOutcome SharedNamespace(string field, string mode, string what)
        {
            var m = mode.Trim();
            if (IsHost(m))
            {
                return RuleOutcome.Fail($"{field} is host: the container shares the host's {what}", Severity.Critical);
            }

            if (IsContainer(m))
            {
                return RuleOutcome.Fail($"{field} is '{m}': the container shares another container's {what}", Severity.High);
            }

            return RuleOutcome.Pass($"{field} is '{(m.Length == 0 ? "private (default)" : m)}'");
        }
    }
}
