using System.Collections.Generic;

namespace DockerHarden.Facts
{
    /// <summary>The labels DockerHarden puts on what it creates, so that it can find and recognise them later.</summary>
    internal static class HardeningLabels
    {
        /// <summary>On every container and network the module creates; the value says what it is.</summary>
        public const string Managed = "dockerharden.managed";

        /// <summary>The <see cref="Managed"/> value of the marker container that claims a -Replace swap.</summary>
        public const string ReplaceClaim = "replace-claim";

        /// <summary>True for a -Replace claim marker: internal bookkeeping, never audited as a workload.</summary>
        public static bool IsReplaceClaim(IReadOnlyDictionary<string, string> labels) =>
            labels.TryGetValue(Managed, out var value) && value == ReplaceClaim;
    }
}
