using System.Collections.Generic;
using System.Linq;
using DockerHarden.Views.Compose;

namespace DockerHarden.Verify
{
    /// <summary>
    /// The only place where -Verify reads or derives <see cref="RepairOptions"/>: the rule set a service is planned
    /// with and its memory limit. Kept apart so that a change of the options' shape touches this file alone.
    /// </summary>
    internal static class VerifyOptions
    {
        /// <summary>The memory limit the options write.</summary>
        public static string Memory(RepairOptions options) => options.Defaults.Memory;

        /// <summary>The options with only these rules fixed (none: the service as it is) and, when given, another memory limit.</summary>
        public static RepairOptions Only(RepairOptions options, IReadOnlyCollection<string> rules, string? memory = null) =>
            options with { Rules = rules.ToList(), Defaults = options.Defaults with { Memory = memory ?? options.Defaults.Memory } };

        /// <summary>The options without these rules and, when given, with another memory limit.</summary>
        public static RepairOptions Without(RepairOptions options, IEnumerable<string> rules, string? memory = null) =>
            options with { Rules = options.Rules.Except(rules).ToList(), Defaults = options.Defaults with { Memory = memory ?? options.Defaults.Memory } };
    }
}
