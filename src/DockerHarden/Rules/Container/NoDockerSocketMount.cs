using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>
    /// DH106: the engine's control socket is never reachable from a container (guide §1, CIS 5.32): neither the
    /// socket itself nor a directory that holds it (/run, /var/run, /run/docker, /run/containerd and their parents).
    /// </summary>
    internal sealed class NoDockerSocketMount : ContainerRule
    {
        private static readonly string[] Sockets = { "docker.sock", "containerd.sock" };

        // Where dockerd and containerd put their sockets. /var/run is a symlink to /run on Debian and most
        // distributions, but the engine keeps the source as written, so both spellings are listed.
        private static readonly string[] SocketDirectories =
        {
            "/run", "/var/run", "/run/docker", "/var/run/docker", "/run/containerd", "/var/run/containerd",
            "/run/docker/containerd", "/var/run/docker/containerd",
        };

        public override RuleInfo Info { get; } = new(
            "DH106", nameof(NoDockerSocketMount), "Do not mount the Docker or containerd socket", Severity.Critical,
            "1", "5.32", "remove -v /var/run/docker.sock:... (or the directory that holds it) / remove it from compose volumes:");

        public override string Description => "Checks that neither the Docker socket nor containerd's socket is mounted into the container, directly or through a mounted directory that holds it.";

        public override string Rationale => "A container that can talk to the engine can start a privileged container with the host's root mounted: the socket is root on the host (guide 1, CIS 5.32).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Mounts };

        public override RuleFix Fix { get; } = RuleFix.NeedsDecision("the service loses the engine socket it mounts (a tool that drives Docker stops working)", new RemoveMount("engine sockets", (_, source, _) => IsEngineSocket(source)));

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var engineSocket = UnixSocketPath(context.Engine.Endpoint);
            var hits = context.Container.Mounts
                .Select(m => (Mount: m, Why: Exposure(m.Source, engineSocket)))
                .Where(p => p.Why is not null)
                .Select(p => $"{p.Mount.Source} -> {p.Mount.Destination} ({(p.Mount.ReadWrite ? "rw" : "ro")}, {p.Why})")
                .ToList();

            // Even read-only, a mounted socket accepts API calls: it is root on the host.
            return hits.Count == 0
                ? RuleOutcome.Pass("no docker.sock or containerd.sock mount, nor a directory that holds one")
                : RuleOutcome.Fail("the engine socket is reachable through a mount: " + string.Join("; ", hits), Severity.Critical);
        }

        /// <summary>True when a mount source is the Docker or containerd socket, or a directory that holds one.</summary>
        internal static bool IsEngineSocket(string source) => Exposure(source, null) is not null;

        /// <summary>Why a mount source exposes an engine socket ("the socket", "holds /run/docker.sock"), or null.</summary>
        internal static string? Exposure(string source, string? engineSocket)
        {
            var trimmed = source.Trim().TrimEnd('/');
            // The Windows engine's control pipe is the same door.
            if (Sockets.Any(s => trimmed.EndsWith(s, StringComparison.Ordinal)) ||
                trimmed.EndsWith("docker_engine", StringComparison.OrdinalIgnoreCase) ||
                (engineSocket is not null && HostPaths.Normalize(source) == engineSocket))
            {
                return "the socket itself";
            }

            var path = HostPaths.Normalize(source);
            if (!path.StartsWith("/", StringComparison.Ordinal))
            {
                return null;
            }

            var directories = engineSocket is null ? SocketDirectories : SocketDirectories.Append(Parent(engineSocket));
            var held = directories.FirstOrDefault(d => HostPaths.IsAtOrBelow(d, path));
            return held is null ? null : $"holds the sockets under {held}";
        }

        /// <summary>The socket path of a unix:// endpoint, normalized; null for any other endpoint.</summary>
        private static string? UnixSocketPath(string endpoint) =>
            endpoint.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) && endpoint.Length > "unix://".Length
                ? HostPaths.Normalize(endpoint.Substring("unix://".Length))
                : null;

        private static string Parent(string path)
        {
            var slash = path.LastIndexOf('/');
            return slash <= 0 ? "/" : path.Substring(0, slash);
        }
    }
}
