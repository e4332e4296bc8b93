using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using DockerHarden.Facts;
using DockerHarden.Rules;

namespace DockerHarden.Views.Daemon
{
    /// <summary>
    /// Gathers the host side of <see cref="DaemonFacts"/> for an engine whose info is already known: which dockerd
    /// serves the endpoint, its flags and daemon.json, and the host files the rules judge. Remote engines get none.
    /// </summary>
    internal static class DaemonFactsCollector
    {
        private const string DefaultConfig = "/etc/docker/daemon.json";

        /// <summary>
        /// The facts of one engine; <paramref name="sysctls"/> are the kernel settings the selected rules read
        /// (<see cref="IReadsSysctls"/>), so this collector knows no rule's names.
        /// </summary>
        public static DaemonFacts Collect(DaemonEngineFacts engine, string? configPathOverride, IReadOnlyCollection<string> sysctls)
        {
            var endpoint = engine.Endpoint;
            var local = endpoint.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) && Directory.Exists("/proc");
            if (!local)
            {
                var reason = $"the engine at {endpoint} is remote: host files cannot be read from here";
                var config = configPathOverride is null
                    ? DaemonConfigFacts.Unavailable($"the engine at {endpoint} is remote: its dockerd flags and daemon.json cannot be read from here (give a copy with -DaemonConfigPath)")
                    : ReadConfig(null, configPathOverride, "-DaemonConfigPath", engine);
                return new DaemonFacts { Engine = engine, Config = config with { SeccompProfileError = reason }, Host = null, HostUnavailableReason = reason };
            }

            var daemon = LocalDaemonProbe.FindDaemon(endpoint);
            var daemonUid = daemon is null ? (int?)null : HostProbe.ProcessUid(daemon.Pid);
            DaemonConfigFacts configFacts;
            if (configPathOverride is not null)
            {
                configFacts = ReadConfig(daemon, configPathOverride, "-DaemonConfigPath", engine);
            }
            else if (daemon is null)
            {
                configFacts = DaemonConfigFacts.Unavailable(
                    $"no dockerd serving {endpoint} is visible from here (another PID namespace or host?): its flags and daemon.json are unknown; name the file with -DaemonConfigPath");
            }
            else
            {
                var explicitFile = daemon.Values("--config-file").LastOrDefault();
                var path = explicitFile ?? DefaultConfigFor(daemonUid);
                configFacts = ReadConfig(daemon, path, explicitFile is null ? $"default of dockerd pid {daemon.Pid}" : $"--config-file of dockerd pid {daemon.Pid}", engine);
            }

            var host = new HostFacts
            {
                DockerGroup = GroupReader.Read("docker"),
                DaemonUid = daemonUid,
                Sysctls = HostProbe.Sysctls(sysctls.ToArray()),
                Mounts = HostProbe.Mounts(daemon?.Pid),
                AppArmor = HostProbe.AppArmor(),
            };
            host = WithSocket(host, endpoint.Substring("unix://".Length));
            host = WithDaemonFiles(host, configFacts, daemonUid is > 0);
            return new DaemonFacts { Engine = engine, Config = configFacts, Host = host };
        }

        private static DaemonConfigFacts ReadConfig(DaemonProcess? daemon, string path, string source, DaemonEngineFacts engine)
        {
            DaemonConfigFacts facts;
            try
            {
                var document = DaemonConfigReader.Read(path);
                facts = new DaemonConfigFacts
                {
                    Path = path, PathSource = source, Exists = document.Exists, DaemonPid = daemon?.Pid, Errors = document.Errors, Warnings = document.Warnings,
                };
                if (document.Error is { } error)
                {
                    facts = facts with
                    {
                        UnavailableReason = $"{path} is malformed at line {error.Line}, column {error.Column} (see DH021): its settings are unknown",
                    };
                }
                else
                {
                    facts = facts with { Settings = DaemonSettingsBuilder.Build(daemon, path, document.Text) };
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                facts = new DaemonConfigFacts
                {
                    Path = path, PathSource = source, Exists = File.Exists(path), DaemonPid = daemon?.Pid,
                    UnavailableReason = e is Files.FileRefusedException ? e.Message.TrimEnd('.') : $"{path} could not be read: {e.Message}",
                };
            }

            return WithSeccompProfile(facts, engine);
        }

        /// <summary>The custom seccomp profile file the engine names in its info, read so DH007/DH012 can judge its content.</summary>
        private static DaemonConfigFacts WithSeccompProfile(DaemonConfigFacts facts, DaemonEngineFacts engine)
        {
            var profile = engine.SeccompProfile;
            if (profile is null || SeccompProfiles.IsBuiltIn(profile) || SeccompProfiles.IsUnconfined(profile))
            {
                return facts;
            }

            try
            {
                return facts with { SeccompProfileText = Files.SafeFile.ReadAllText(profile) };
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                return facts with { SeccompProfileError = e.Message };
            }
        }

        private static HostFacts WithSocket(HostFacts host, string socketPath)
        {
            if (!File.Exists(socketPath))
            {
                return host with { SocketError = $"the socket {socketPath} does not exist here" };
            }

            var (files, errors) = FileStatReader.Stat(new[] { socketPath });
            return files.Count > 0
                ? host with { Socket = files[0] }
                : host with { SocketError = $"{socketPath} could not be read: {string.Join("; ", errors)}" };
        }

        /// <summary>The daemon's configuration, unit, environment and TLS files; only those that exist.</summary>
        private static HostFacts WithDaemonFiles(HostFacts host, DaemonConfigFacts config, bool rootless)
        {
            var wanted = new List<(string Path, DaemonFileKind Kind)>();
            if (config.Path.Length > 0 && config.Exists)
            {
                wanted.Add((config.Path, DaemonFileKind.Config));
            }

            if (!rootless && Directory.Exists("/etc/docker"))
            {
                wanted.Add(("/etc/docker", DaemonFileKind.ConfigDirectory));
            }

            // On merged-/usr systems /lib is a link to /usr/lib: check each unit once.
            var unitDirs = new[] { "/etc/systemd/system", "/usr/lib/systemd/system", "/lib/systemd/system" }
                .Where(d => Directory.Exists(d) && !(d == "/lib/systemd/system" && new DirectoryInfo("/lib").LinkTarget is not null));
            foreach (var dir in unitDirs)
            {
                foreach (var unit in new[] { "docker.service", "docker.socket" })
                {
                    wanted.Add((Path.Combine(dir, unit), DaemonFileKind.Unit));
                }
            }

            wanted.Add(("/etc/default/docker", DaemonFileKind.EnvironmentFile));
            wanted.Add(("/etc/sysconfig/docker", DaemonFileKind.EnvironmentFile));
            if (config.Settings is { } settings)
            {
                AddTls(wanted, settings.Text("tlscacert"), DaemonFileKind.TlsCaCertificate);
                AddTls(wanted, settings.Text("tlscert"), DaemonFileKind.TlsCertificate);
                AddTls(wanted, settings.Text("tlskey"), DaemonFileKind.TlsKey);
            }

            var present = wanted.Where(w => File.Exists(w.Path) || Directory.Exists(w.Path)).ToList();
            var (files, errors) = FileStatReader.Stat(present.Select(w => w.Path));
            var byPath = files.ToDictionary(f => f.Path, StringComparer.Ordinal);
            var found = present.Where(w => byPath.ContainsKey(w.Path)).Select(w => (byPath[w.Path], w.Kind)).ToList();
            return host with { DaemonFiles = found, DaemonFileErrors = errors };
        }

        private static void AddTls(List<(string, DaemonFileKind)> wanted, string? path, DaemonFileKind kind)
        {
            if (path is not null)
            {
                wanted.Add((path, kind));
            }
        }

        /// <summary>Rootless dockerd reads ~/.config/docker/daemon.json of the user running it.</summary>
        private static string DefaultConfigFor(int? uid)
        {
            if (uid is not > 0)
            {
                return DefaultConfig;
            }

            var passwd = HostCommand.Run("getent", "passwd", uid.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var fields = passwd?.ExitCode == 0 ? passwd.Value.Output.Trim().Split(':') : Array.Empty<string>();
            return fields.Length > 5 ? Path.Combine(fields[5], ".config/docker/daemon.json") : DefaultConfig;
        }
    }
}
