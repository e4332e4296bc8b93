using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerHarden.Facts;

namespace DockerHarden.Views.Daemon
{
    /// <summary>A group's members from /etc/group and from getent (which also asks LDAP, SSSD and other NSS sources).</summary>
    internal static class GroupReader
    {
        public static GroupFacts? Read(string name, string groupFile = "/etc/group")
        {
            var sources = new List<string>();
            var members = new List<string>();
            bool exists = false;
            bool readAny = false;

            if (File.Exists(groupFile))
            {
                readAny = true;
                sources.Add(groupFile);
                foreach (var line in File.ReadLines(groupFile))
                {
                    if (ParseLine(line, name) is { } found)
                    {
                        exists = true;
                        members.AddRange(found);
                    }
                }
            }

            var getent = HostCommand.Run("getent", "group", name);
            if (getent is not null)
            {
                readAny = true;
                sources.Add("getent group");
                // getent exits 2 when the group is unknown; that is an answer, not a failure.
                if (getent.Value.ExitCode == 0 && ParseLine(getent.Value.Output.Trim(), name) is { } found)
                {
                    exists = true;
                    members.AddRange(found);
                }
            }

            if (!readAny)
            {
                return null;
            }

            return new GroupFacts(name, exists, members.Distinct(StringComparer.Ordinal).ToList(), string.Join(" + ", sources));
        }

        /// <summary>"docker:x:105:alice,bob" -> [alice, bob] when the group name matches exactly; null otherwise.</summary>
        internal static IReadOnlyList<string>? ParseLine(string line, string name)
        {
            var fields = line.Split(':');
            if (fields.Length < 4 || !string.Equals(fields[0], name, StringComparison.Ordinal))
            {
                return null;
            }

            return fields[3].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
    }
}
