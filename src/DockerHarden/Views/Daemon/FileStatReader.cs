using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerHarden.Facts;

namespace DockerHarden.Views.Daemon
{
    /// <summary>Owner, group and mode bits of files, from stat(1): no native interop, works as any user.</summary>
    internal static class FileStatReader
    {
        /// <summary>Stats each path; missing or unreadable paths are returned with their error.</summary>
        public static (IReadOnlyList<FileStat> Files, IReadOnlyList<string> Errors) Stat(IEnumerable<string> paths)
        {
            var list = paths.Distinct(StringComparer.Ordinal).ToList();
            var files = new List<FileStat>();
            var errors = new List<string>();
            if (list.Count == 0)
            {
                return (files, errors);
            }

            var arguments = new List<string> { "-L", "-c", "%u|%g|%a|%F|%U|%G|%n" };
            arguments.Add("--");
            arguments.AddRange(list);
            var result = HostCommand.Run("stat", arguments.ToArray());
            if (result is null)
            {
                errors.Add("stat(1) is not available");
                return (files, errors);
            }

            foreach (var line in result.Value.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var f = line.Split('|', 7);
                if (f.Length == 7 && int.TryParse(f[0], out var uid) && int.TryParse(f[1], out var gid) &&
                    int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    files.Add(new FileStat(f[6], uid, gid, f[4], f[5], Convert.ToInt32(f[2], 8), f[3] == "directory"));
                }
            }

            foreach (var line in result.Value.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                errors.Add(line.Trim());
            }

            return (files, errors);
        }
    }
}
