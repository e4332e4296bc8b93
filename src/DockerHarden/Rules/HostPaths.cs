using System;
using System.Collections.Generic;

namespace DockerHarden.Rules
{
    /// <summary>Host path arithmetic shared by the mount rules: lexical, whole segments, no file system access.</summary>
    internal static class HostPaths
    {
        /// <summary>Collapses "//", "." and ".." segments and trailing slashes, so "/etc/" and "//etc/./x/.." are "/etc".</summary>
        public static string Normalize(string source)
        {
            var path = source.Trim();
            if (!path.StartsWith("/", StringComparison.Ordinal))
            {
                return path;
            }

            var segments = new List<string>();
            foreach (var s in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                if (s == "..")
                {
                    if (segments.Count > 0)
                    {
                        segments.RemoveAt(segments.Count - 1);
                    }
                }
                else if (s != ".")
                {
                    segments.Add(s);
                }
            }

            return "/" + string.Join("/", segments);
        }

        /// <summary>True when <paramref name="path"/> is <paramref name="prefix"/> or below it (whole segments).</summary>
        public static bool IsAtOrBelow(string path, string prefix) =>
            path == prefix || prefix == "/" || path.StartsWith(prefix + "/", StringComparison.Ordinal);
    }
}
