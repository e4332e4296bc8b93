using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using DockerHarden.Facts;
using DockerHarden.Rules;
using DockerHarden.Secrets;

namespace DockerHarden.Views.Create
{
    /// <summary>
    /// The docker CLI lines equivalent to a spec, for users to read and paste. Pure. Environment variables appear
    /// as "-e NAME" (the CLI then takes the value from the caller's environment): a value is never printed. Other
    /// secret values (credential-like labels and log-opts, passwords in the command, the health command or a URL)
    /// show as *** (<see cref="SecretMask"/>): put them back by hand, or pass them as -e NAME.
    /// </summary>
    internal static class DockerRunCommand
    {
        /// <summary>"docker run -d ..." for a started container, "docker create ..." otherwise.</summary>
        /// <param name="spec">The container.</param>
        /// <param name="started">Whether the container was (or would be) started.</param>
        /// <param name="seccompFile">The profile's file, shown instead of its JSON; null prints a placeholder.</param>
        public static string Render(ContainerSpec spec, bool started, string? seccompFile)
        {
            var args = new List<string> { "docker" };
            args.AddRange(started ? new[] { "run", "-d" } : new[] { "create" });
            args.AddRange(new[] { "--name", spec.Name });
            if (spec.User.Length > 0)
            {
                args.AddRange(new[] { "--user", spec.User });
            }

            foreach (var cap in spec.CapDrop)
            {
                args.AddRange(new[] { "--cap-drop", cap });
            }

            foreach (var cap in spec.CapAdd)
            {
                args.AddRange(new[] { "--cap-add", cap });
            }

            if (spec.ReadonlyRootfs)
            {
                args.Add("--read-only");
            }

            foreach (var kv in spec.Tmpfs)
            {
                args.AddRange(new[] { "--tmpfs", kv.Value.Length == 0 ? kv.Key : $"{kv.Key}:{kv.Value}" });
            }

            foreach (var m in spec.Mounts)
            {
                var source = m.Source.Length == 0 ? "" : $",src={m.Source}";
                args.AddRange(new[] { "--mount", $"type={m.Type}{source},dst={m.Target}{(m.ReadOnly ? ",readonly" : "")}" });
            }

            foreach (var d in spec.Devices)
            {
                args.AddRange(new[] { "--device", $"{d.PathOnHost}:{d.PathInContainer}:{d.CgroupPermissions}" });
            }

            if (spec.Memory > 0)
            {
                args.AddRange(new[] { "--memory", Bytes(spec.Memory) });
            }

            if (spec.MemorySwap != 0)
            {
                args.AddRange(new[] { "--memory-swap", spec.MemorySwap < 0 ? "-1" : Bytes(spec.MemorySwap) });
            }

            if (spec.NanoCpus > 0)
            {
                args.AddRange(new[] { "--cpus", (spec.NanoCpus / 1e9).ToString("0.###", CultureInfo.InvariantCulture) });
            }

            if (spec.PidsLimit is { } pids)
            {
                args.AddRange(new[] { "--pids-limit", pids.ToString(CultureInfo.InvariantCulture) });
            }

            foreach (var kv in spec.StorageOpt)
            {
                args.AddRange(new[] { "--storage-opt", $"{kv.Key}={kv.Value}" });
            }

            foreach (var opt in spec.SecurityOpt)
            {
                bool seccomp = SecurityOpts.Values(new[] { opt }, "seccomp").Count > 0;
                // The CLI reads the file itself; the JSON we send the API would not fit on a line.
                args.AddRange(new[] { "--security-opt", seccomp ? $"seccomp={seccompFile ?? "PROFILE.json"}" : opt });
            }

            if (spec.Network.Length > 0)
            {
                args.AddRange(new[] { "--network", spec.Network });
            }

            foreach (var p in spec.PortBindings)
            {
                var ip = p.HostIp.Contains(':') ? $"[{p.HostIp}]" : p.HostIp;
                var container = p.ContainerPort.EndsWith("/tcp", StringComparison.Ordinal) ? p.ContainerPort.Substring(0, p.ContainerPort.Length - 4) : p.ContainerPort;
                args.AddRange(new[] { "-p", ip.Length == 0 ? $"{p.HostPort}:{container}" : $"{ip}:{p.HostPort}:{container}" });
            }

            if (spec.RestartPolicy.Length > 0 && spec.RestartPolicy != "no")
            {
                args.AddRange(new[] { "--restart", spec.RestartPolicy == "on-failure" && spec.RestartMaxRetries > 0
                    ? $"on-failure:{spec.RestartMaxRetries.ToString(CultureInfo.InvariantCulture)}" : spec.RestartPolicy });
            }

            if (spec.LogDriver.Length > 0)
            {
                args.AddRange(new[] { "--log-driver", spec.LogDriver });
            }

            foreach (var kv in spec.LogOptions)
            {
                args.AddRange(new[] { "--log-opt", SecretMask.Pair(kv.Key, kv.Value) });
            }

            AddHealthcheck(args, spec.Healthcheck);
            foreach (var kv in spec.Labels)
            {
                args.AddRange(new[] { "--label", SecretMask.Pair(kv.Key, kv.Value) });
            }

            foreach (var name in EnvironmentNames(spec.Env))
            {
                args.AddRange(new[] { "-e", name });
            }

            if (spec.WorkingDir.Length > 0)
            {
                args.AddRange(new[] { "-w", spec.WorkingDir });
            }

            var entrypointArgs = Array.Empty<string>();
            if (spec.Entrypoint is { Count: > 0 } entrypoint)
            {
                args.AddRange(new[] { "--entrypoint", SecretMask.Text(entrypoint[0]) });
                entrypointArgs = entrypoint.Skip(1).ToArray();
            }

            args.Add(spec.Image);
            args.AddRange(SecretMask.Arguments(entrypointArgs.Concat(spec.Cmd ?? Array.Empty<string>())));
            return string.Join(" ", args.Select(Quote));
        }

        /// <summary>"docker network create ..." for the dedicated network.</summary>
        public static string RenderNetwork(NetworkSpec network)
        {
            var args = new List<string> { "docker", "network", "create" };
            if (network.Internal)
            {
                args.Add("--internal");
            }

            foreach (var kv in network.Labels)
            {
                args.AddRange(new[] { "--label", SecretMask.Pair(kv.Key, kv.Value) });
            }

            args.Add(network.Name);
            return string.Join(" ", args.Select(Quote));
        }

        /// <summary>Variable names only, in order, each once.</summary>
        public static IReadOnlyList<string> EnvironmentNames(IEnumerable<string> env) =>
            env.Select(e => EnvVarFact.FromEntry(e).Name).Distinct(StringComparer.Ordinal).ToList();

        /// <summary>"256m", "1g" or a byte count, as the CLI reads sizes.</summary>
        public static string Bytes(long bytes)
        {
            const long MiB = 1024 * 1024;
            const long GiB = 1024 * MiB;
            if (bytes % GiB == 0)
            {
                return (bytes / GiB).ToString(CultureInfo.InvariantCulture) + "g";
            }

            return bytes % MiB == 0 ? (bytes / MiB).ToString(CultureInfo.InvariantCulture) + "m" : bytes.ToString(CultureInfo.InvariantCulture);
        }

        private static void AddHealthcheck(List<string> args, HealthcheckSpec? health)
        {
            if (health is null || health.Test.Count == 0)
            {
                return;
            }

            if (string.Equals(health.Test[0], "NONE", StringComparison.OrdinalIgnoreCase))
            {
                args.Add("--no-healthcheck");
                return;
            }

            // CMD-SHELL carries one shell string; CMD carries argv, which the CLI's shell form runs the same way.
            var command = SecretMask.Command(health.Test.Skip(1));
            args.AddRange(new[] { "--health-cmd", command });
            if (health.Interval is { } interval && interval > TimeSpan.Zero)
            {
                args.AddRange(new[] { "--health-interval", Duration(interval) });
            }

            if (health.Timeout is { } timeout && timeout > TimeSpan.Zero)
            {
                args.AddRange(new[] { "--health-timeout", Duration(timeout) });
            }

            if (health.StartPeriod is { } start && start > TimeSpan.Zero)
            {
                args.AddRange(new[] { "--health-start-period", Duration(start) });
            }

            if (health.Retries is > 0)
            {
                args.AddRange(new[] { "--health-retries", health.Retries.Value.ToString(CultureInfo.InvariantCulture) });
            }
        }

        private static string Duration(TimeSpan span) =>
            span.TotalSeconds == Math.Floor(span.TotalSeconds)
                ? ((long)span.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s"
                : ((long)span.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

        /// <summary>POSIX shell quoting: bare when safe, else single quotes.</summary>
        public static string Quote(string arg)
        {
            if (arg.Length > 0 && arg.All(c => char.IsLetterOrDigit(c) || "_./:=@%+,-".Contains(c)))
            {
                return arg;
            }

            var sb = new StringBuilder("'");
            sb.Append(arg.Replace("'", "'\\''"));
            return sb.Append('\'').ToString();
        }
    }
}
