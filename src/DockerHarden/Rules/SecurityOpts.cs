using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Rules
{
    /// <summary>
    /// Reading --security-opt entries, which the engine accepts as "key=value", the older "key:value", or a bare
    /// "key" (no-new-privileges); and the engine's info SecurityOptions ("name=seccomp,profile=default").
    /// </summary>
    internal static class SecurityOpts
    {
        /// <summary>The value of every entry for a key, in order ("" for a bare key), compared case-insensitively.</summary>
        public static IReadOnlyList<string> Values(IEnumerable<string> securityOpt, string key)
        {
            var result = new List<string>();
            foreach (var raw in securityOpt)
            {
                var entry = raw.Trim();
                int sep = entry.IndexOfAny(new[] { '=', ':' });
                var k = sep < 0 ? entry : entry.Substring(0, sep);
                if (string.Equals(k.Trim(), key, StringComparison.OrdinalIgnoreCase))
                {
                    result.Add(sep < 0 ? "" : entry.Substring(sep + 1).Trim());
                }
            }

            return result;
        }

        /// <summary>True when the engine's info lists the named feature (an entry "name=NAME" or starting "name=NAME,").</summary>
        public static bool EngineHas(IEnumerable<string> engineSecurityOptions, string name) =>
            engineSecurityOptions.Any(o =>
            {
                var first = o.Trim().Split(',')[0].Trim();
                return string.Equals(first, "name=" + name, StringComparison.OrdinalIgnoreCase);
            });
    }
}
