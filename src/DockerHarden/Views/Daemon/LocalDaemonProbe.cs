using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerHarden.Facts;

namespace DockerHarden.Views.Daemon
{
    /// <summary>A dockerd process found on this host: its command line and the config file it reads.</summary>
    internal sealed class DaemonProcess
    {
        public DaemonProcess(int pid, IReadOnlyList<string> arguments)
        {
            Pid = pid;
            Arguments = arguments;
        }

        public int Pid { get; }
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>Values of a flag given as "--flag value", "--flag=value" or (for short names) "-H value".</summary>
        public IReadOnlyList<string> Values(params string[] names)
        {
            var values = new List<string>();
            for (int i = 0; i < Arguments.Count; i++)
            {
                foreach (var name in names)
                {
                    if (Arguments[i] == name && i + 1 < Arguments.Count)
                    {
                        values.Add(Arguments[i + 1]);
                    }
                    else if (Arguments[i].StartsWith(name + "=", StringComparison.Ordinal))
                    {
                        values.Add(Arguments[i].Substring(name.Length + 1));
                    }
                }
            }

            return values;
        }

        /// <summary>A boolean flag: true for "--flag" or "--flag=true", false for "--flag=false", null when absent.</summary>
        public bool? Switch(string name)
        {
            bool? result = null;
            foreach (var argument in Arguments)
            {
                if (argument == name)
                {
                    result = true;
                }
                else if (argument.StartsWith(name + "=", StringComparison.Ordinal))
                {
                    result = bool.TryParse(argument.Substring(name.Length + 1), out var value) && value;
                }
            }

            return result;
        }

        public string ConfigFile => Values("--config-file").LastOrDefault() ?? "/etc/docker/daemon.json";
    }

    /// <summary>
    /// Reads facts that only the host can tell (the engine API does not report them): which dockerd serves a
    /// local socket, its flags, and its daemon.json. Against a remote engine there is nothing to read.
    /// </summary>
    internal static class LocalDaemonProbe
    {
        private const string DefaultSocket = "/run/docker.sock";

        /// <summary>The dockerd listening on the given unix endpoint, or null when it is remote or not visible.</summary>
        public static DaemonProcess? FindDaemon(string endpoint)
        {
            if (!endpoint.StartsWith("unix://", StringComparison.OrdinalIgnoreCase) || !Directory.Exists("/proc"))
            {
                return null;
            }

            var socket = NormaliseSocket(endpoint.Substring("unix://".Length));
            foreach (var daemon in RunningDaemons())
            {
                var sockets = Hosts(daemon)
                    .Select(h => h.StartsWith("fd://", StringComparison.Ordinal) ? DefaultSocket
                        : h.StartsWith("unix://", StringComparison.Ordinal) ? NormaliseSocket(h.Substring(7)) : "").ToArray();
                if (sockets.Contains(socket))
                {
                    return daemon;
                }
            }

            return null;
        }

        /// <summary>Where a daemon listens: -H flags, else "hosts" in its daemon.json, else the default socket.</summary>
        private static IReadOnlyList<string> Hosts(DaemonProcess daemon)
        {
            var hosts = daemon.Values("-H", "--host");
            if (hosts.Count > 0)
            {
                return hosts;
            }

            var fromConfig = Settings(daemon)?.List("hosts") ?? Array.Empty<string>();
            if (fromConfig.Count > 0)
            {
                return fromConfig;
            }

            return new[] { "unix://" + DefaultSocket };
        }

        /// <summary>
        /// The daemon's settings: its command line merged with its daemon.json, read as strictly as dockerd reads it.
        /// Null when the file cannot be read or does not parse (the daemon audit reports that as DH021).
        /// </summary>
        public static DaemonSettings? Settings(DaemonProcess daemon)
        {
            try
            {
                var document = DaemonConfigReader.Read(daemon.ConfigFile);
                return document.Error is null ? DaemonSettingsBuilder.Build(daemon, daemon.ConfigFile, document.Text) : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }

        /// <summary>
        /// Whether the daemon sets no-new-privileges for every container, and where that was read; null when
        /// the daemon is not local or its configuration cannot be read.
        /// </summary>
        public static (bool? Value, string Source) NoNewPrivilegesDefault(string endpoint)
        {
            var daemon = FindDaemon(endpoint);
            if (daemon is null)
            {
                return (null, "the daemon's configuration is not readable from here");
            }

            var settings = Settings(daemon);
            if (settings is null)
            {
                return (null, $"{daemon.ConfigFile} could not be read or does not parse (see DH021)");
            }

            var setting = settings.Get("no-new-privileges");
            return setting is not null && bool.TryParse(setting.Value, out var value)
                ? (value, $"no-new-privileges={setting.Value} from {setting.Source}")
                : (false, $"not set on the dockerd command line nor in {daemon.ConfigFile}");
        }

        internal static IEnumerable<DaemonProcess> RunningDaemons()
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }

                string[] arguments;
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "comm")).Trim() != "dockerd")
                    {
                        continue;
                    }

                    arguments = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0', StringSplitOptions.RemoveEmptyEntries);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    continue; // the process ended or is not ours to read
                }

                yield return new DaemonProcess(pid, arguments.Skip(1).ToArray());
            }
        }

        private static string NormaliseSocket(string path) =>
            path.StartsWith("/var/run/", StringComparison.Ordinal) ? "/run/" + path.Substring("/var/run/".Length) : path;
    }
}
