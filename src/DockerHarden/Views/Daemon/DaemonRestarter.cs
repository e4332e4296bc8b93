using System;
using System.IO;
using System.Linq;

namespace DockerHarden.Views.Daemon
{
    /// <summary>Restarts a dockerd the way its host manages it, or explains how when it cannot.</summary>
    internal static class DaemonRestarter
    {
        /// <summary>Note for the result: how to load the new configuration.</summary>
        public static string HowToRestart(DaemonProcess? daemon)
        {
            var unit = daemon is null ? null : SystemdUnit(daemon.Pid);
            var how = unit is not null
                ? $"restart it with 'systemctl restart {unit}' (or run again with -Restart)"
                : daemon is not null
                    ? $"dockerd pid {daemon.Pid} is not managed by systemd: stop it and start it again with the same command line ({CommandLine(daemon)})"
                    : "restart the dockerd that reads this file";
            return $"dockerd reads daemon.json when it starts: {how}. SIGHUP reloads only a few keys (for example live-restore, insecure-registries, debug, labels), " +
                   "none of bridge, icc, userns-remap, userland-proxy, no-new-privileges, log-driver or seccomp-profile.";
        }

        /// <summary>Restarts through systemd; returns null on success, else why it could not.</summary>
        public static string? Restart(DaemonProcess? daemon)
        {
            if (daemon is null)
            {
                return "no dockerd serving this endpoint is visible from here, so there is nothing this cmdlet can restart";
            }

            var unit = SystemdUnit(daemon.Pid);
            if (unit is null)
            {
                return $"dockerd pid {daemon.Pid} is not managed by systemd, and a bare process cannot be restarted safely from here: " +
                       $"stop it and start it again with the same command line ({CommandLine(daemon)}). SIGHUP is not enough for most keys.";
            }

            var result = HostCommand.Run("systemctl", "restart", unit);
            return result is { ExitCode: 0 } ? null : $"systemctl restart {unit} failed: {result?.Error.Trim() ?? "systemctl is not available"}";
        }

        private static int? MainPid(string unit)
        {
            var result = HostCommand.Run("systemctl", "show", "--property=MainPID", "--value", unit);
            return result is { ExitCode: 0 } && int.TryParse(result.Value.Output.Trim(), out var pid) ? pid : null;
        }

        private static string CommandLine(DaemonProcess daemon) => "'" + string.Join(" ", new[] { "dockerd" }.Concat(daemon.Arguments)) + "'";

        /// <summary>The systemd unit whose cgroup holds the process, when PID 1 is systemd.</summary>
        public static string? SystemdUnit(int pid)
        {
            try
            {
                if (File.ReadAllText("/proc/1/comm").Trim() != "systemd")
                {
                    return null;
                }

                foreach (var line in File.ReadLines($"/proc/{pid}/cgroup"))
                {
                    var slash = line.LastIndexOf('/');
                    var name = slash >= 0 ? line.Substring(slash + 1) : "";
                    // Only a unit whose main process is this dockerd: never the service that merely started it (a CI runner).
                    if (name.EndsWith(".service", StringComparison.Ordinal) && MainPid(name) == pid)
                    {
                        return name;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Unknown means "not systemd" here: we then explain instead of acting.
            }

            return null;
        }
    }
}
