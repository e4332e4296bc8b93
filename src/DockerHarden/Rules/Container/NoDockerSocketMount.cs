using System;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH106: the engine's control socket is never mounted into a container (guide §1, CIS 5.32).</summary>
    internal sealed class NoDockerSocketMount : ContainerRule
    {
        private static readonly string[] Sockets = { "docker.sock", "containerd.sock" };

        public override RuleInfo Info { get; } = new(
            "DH106", nameof(NoDockerSocketMount), "Do not mount the Docker or containerd socket", Severity.Critical,
            "1", "5.32", "remove -v /var/run/docker.sock:... / remove the socket from compose volumes:");

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var hits = context.Container.Mounts
                .Where(m => IsEngineSocket(m.Source))
                .Select(m => $"{m.Source} -> {m.Destination} ({(m.ReadWrite ? "rw" : "ro")})")
                .ToList();

            // Even read-only, a mounted socket accepts API calls: it is root on the host.
            return hits.Count == 0
                ? RuleOutcome.Pass("no docker.sock or containerd.sock mount")
                : RuleOutcome.Fail("the engine socket is mounted: " + string.Join("; ", hits), Severity.Critical);
        }

        /// <summary>True when a mount source is the Docker or containerd socket (or the Windows engine pipe).</summary>
        internal static bool IsEngineSocket(string source) =>
            Sockets.Any(s => source.Trim().TrimEnd('/').EndsWith(s, StringComparison.Ordinal)) ||
            // The Windows engine's control pipe is the same door.
            source.Trim().EndsWith("docker_engine", StringComparison.OrdinalIgnoreCase);
    }
}
