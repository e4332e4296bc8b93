using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerHarden.Facts;

namespace DockerHarden.Views.Daemon
{
    /// <summary>Kernel facts from /proc and /sys: sysctls, mount points, AppArmor, a process's uid.</summary>
    internal static class HostProbe
    {
        /// <summary>The sysctls DH008 reads; a name the kernel lacks is left out.</summary>
        public static IReadOnlyDictionary<string, string> Sysctls(params string[] names)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var path = "/proc/sys/" + name.Replace('.', '/');
                try
                {
                    if (File.Exists(path))
                    {
                        values[name] = File.ReadAllText(path).Trim();
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Unreadable is treated like absent: the rule then says what it could read.
                }
            }

            return values;
        }

        /// <summary>Mounts as the given process sees them (its mount namespace), from mountinfo.</summary>
        public static IReadOnlyList<HostMount> Mounts(int? pid)
        {
            var path = pid is int p && File.Exists($"/proc/{p}/mountinfo") ? $"/proc/{p}/mountinfo" : "/proc/self/mountinfo";
            try
            {
                var mounts = new List<HostMount>();
                foreach (var line in File.ReadLines(path))
                {
                    // id parent major:minor root mountpoint options [optional fields] - fstype source superoptions
                    var fields = line.Split(' ');
                    var dash = Array.IndexOf(fields, "-");
                    if (fields.Length > 4 && dash > 4 && dash + 2 < fields.Length)
                    {
                        mounts.Add(new HostMount(Unescape(fields[4]), fields[2], fields[dash + 1], Unescape(fields[dash + 2])));
                    }
                }

                return mounts;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Array.Empty<HostMount>();
            }
        }

        /// <summary>mountinfo writes space, tab, newline and backslash as octal escapes (\040).</summary>
        private static string Unescape(string field) =>
            Regex.Replace(field, @"\\([0-7]{3})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 8)).ToString());

        public static AppArmorFacts AppArmor()
        {
            const string enabledFile = "/sys/module/apparmor/parameters/enabled";
            const string profilesFile = "/sys/kernel/security/apparmor/profiles";
            try
            {
                var enabled = File.Exists(enabledFile) && File.ReadAllText(enabledFile).Trim() == "Y";
                if (!enabled)
                {
                    return new AppArmorFacts(false, new Dictionary<string, string>(), $"{enabledFile} is {(File.Exists(enabledFile) ? "not Y" : "missing")}");
                }

                var profiles = new Dictionary<string, string>(StringComparer.Ordinal);
                if (File.Exists(profilesFile))
                {
                    foreach (var line in File.ReadLines(profilesFile))
                    {
                        // "docker-default (enforce)"
                        var m = Regex.Match(line, @"^(.*) \((\w+)\)\s*$");
                        if (m.Success)
                        {
                            profiles[m.Groups[1].Value] = m.Groups[2].Value;
                        }
                    }
                }

                return new AppArmorFacts(true, profiles, profilesFile);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return new AppArmorFacts(true, new Dictionary<string, string>(), $"{profilesFile} could not be read: {e.Message}");
            }
        }

        /// <summary>The real uid of a process, from /proc/PID/status; null when it cannot be read.</summary>
        public static int? ProcessUid(int pid)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                var fields = line?.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
                return fields is { Length: > 1 } && int.TryParse(fields[1], out var uid) ? uid : null;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return null;
            }
        }
    }
}
