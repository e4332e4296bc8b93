using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerHarden.Facts;

namespace DockerHarden.Views.Create
{
    /// <summary>
    /// Reads the docker-run style strings users type (-Port "8080:80", -Volume "data:/var/lib/x:ro",
    /// -Device "/dev/fuse", -Memory "256m") into facts. Pure; a bad value gives an error message, never an exception.
    /// </summary>
    internal static class RunOptionParser
    {
        /// <summary>"256m", "1g", "1.5GB", "512k", "1048576" (bytes) into bytes; null with a reason when unreadable.</summary>
        public static long? ParseSize(string text, out string error)
        {
            error = "";
            var t = text.Trim().ToLowerInvariant();
            if (t.EndsWith("ib", StringComparison.Ordinal))
            {
                t = t.Substring(0, t.Length - 2);
            }
            else if (t.EndsWith("b", StringComparison.Ordinal) && t.Length > 1 && char.IsLetter(t[t.Length - 2]))
            {
                t = t.Substring(0, t.Length - 1);
            }

            long unit = 1;
            if (t.Length > 0 && "kmgt".IndexOf(t[t.Length - 1]) is var index and >= 0)
            {
                unit = 1L << (10 * (index + 1));
                t = t.Substring(0, t.Length - 1);
            }
            else if (t.EndsWith("b", StringComparison.Ordinal))
            {
                t = t.Substring(0, t.Length - 1);
            }

            if (!double.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) || number <= 0)
            {
                error = $"'{text}' is not a size: use a number of bytes or a number with k, m, g or t (for example 256m).";
                return null;
            }

            return (long)Math.Round(number * unit);
        }

        /// <summary>
        /// "80", "8080:80", "8080:80/udp", "IP:8080:80", "IP::80", "[::1]:8080:80". The host address defaults to
        /// <paramref name="bindAddress"/>; an empty host port lets the engine choose one.
        /// </summary>
        public static PortBindingFact? ParsePort(string text, string bindAddress, out string error)
        {
            error = "";
            var t = text.Trim();
            var protocol = "tcp";
            int slash = t.LastIndexOf('/');
            if (slash >= 0)
            {
                protocol = t.Substring(slash + 1).ToLowerInvariant();
                t = t.Substring(0, slash);
                if (protocol is not ("tcp" or "udp" or "sctp"))
                {
                    error = $"'{text}': the protocol must be tcp, udp or sctp.";
                    return null;
                }
            }

            string ip = bindAddress;
            if (t.StartsWith("[", StringComparison.Ordinal) && t.IndexOf(']') is var close and > 0)
            {
                ip = t.Substring(1, close - 1);
                t = t.Substring(close + 1).TrimStart(':');
                var rest = t.Split(':');
                return rest.Length == 2 ? Port(text, ip, rest[0], rest[1], protocol, out error) : Invalid(text, out error);
            }

            var parts = t.Split(':');
            return parts.Length switch
            {
                1 => Port(text, ip, "", parts[0], protocol, out error),
                2 => Port(text, ip, parts[0], parts[1], protocol, out error),
                3 => Port(text, parts[0].Length == 0 ? ip : parts[0], parts[1], parts[2], protocol, out error),
                _ => Invalid(text, out error),
            };
        }

        private static PortBindingFact? Port(string text, string ip, string hostPort, string containerPort, string protocol, out string error)
        {
            error = "";
            if (!IsPort(containerPort) || (hostPort.Length > 0 && !IsPort(hostPort)))
            {
                return Invalid(text, out error);
            }

            return new PortBindingFact { HostIp = ip, HostPort = hostPort, ContainerPort = $"{containerPort}/{protocol}" };
        }

        private static PortBindingFact? Invalid(string text, out string error)
        {
            error = $"'{text}' is not a port mapping: use CONTAINERPORT, HOSTPORT:CONTAINERPORT or IP:HOSTPORT:CONTAINERPORT, with /udp for UDP.";
            return null;
        }

        private static bool IsPort(string value) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535;

        /// <summary>
        /// "NAME:/path[:ro]" (named volume), "/host:/path[:ro|rw]" (bind), "/path" (anonymous volume). A bind
        /// source must be absolute: a relative path would depend on where the engine runs.
        /// </summary>
        public static MountSpec? ParseVolume(string text, out string error)
        {
            error = "";
            var parts = text.Trim().Split(':');
            bool readOnly = false;
            if (parts.Length == 3)
            {
                var mode = parts[2].Trim().ToLowerInvariant();
                if (mode is not ("ro" or "rw"))
                {
                    error = $"'{text}': the mode must be ro or rw.";
                    return null;
                }

                readOnly = mode == "ro";
                parts = parts.Take(2).ToArray();
            }

            if (parts.Length == 1 && parts[0].StartsWith("/", StringComparison.Ordinal))
            {
                return new MountSpec { Type = "volume", Source = "", Target = parts[0] };
            }

            if (parts.Length != 2 || parts[0].Length == 0 || !parts[1].StartsWith("/", StringComparison.Ordinal))
            {
                error = $"'{text}' is not a volume: use NAME:/container/path, /host/path:/container/path or /container/path, optionally with :ro.";
                return null;
            }

            if (parts[0].StartsWith(".", StringComparison.Ordinal) || parts[0].StartsWith("~", StringComparison.Ordinal))
            {
                error = $"'{text}': give the host path as an absolute path.";
                return null;
            }

            var type = parts[0].StartsWith("/", StringComparison.Ordinal) ? "bind" : "volume";
            return new MountSpec { Type = type, Source = parts[0], Target = parts[1], ReadOnly = readOnly };
        }

        /// <summary>"/dev/x", "/dev/x:/dev/y" or "/dev/x:/dev/y:rw"; the permissions default to read-only (r).</summary>
        public static DeviceFact? ParseDevice(string text, out string error)
        {
            error = "";
            var parts = text.Trim().Split(':');
            if (parts.Length is < 1 or > 3 || !parts[0].StartsWith("/", StringComparison.Ordinal))
            {
                error = $"'{text}' is not a device: use /dev/HOST[:/dev/CONTAINER[:PERMISSIONS]].";
                return null;
            }

            var perms = parts.Length == 3 ? parts[2].Trim().ToLowerInvariant() : "r";
            if (perms.Length == 0 || perms.Any(c => c is not ('r' or 'w' or 'm')))
            {
                error = $"'{text}': permissions are a combination of r, w and m.";
                return null;
            }

            return new DeviceFact
            {
                PathOnHost = parts[0],
                PathInContainer = parts.Length >= 2 && parts[1].Length > 0 ? parts[1] : parts[0],
                CgroupPermissions = perms,
            };
        }

        /// <summary>"/run" or "/run:size=16m,mode=1777" into path and options.</summary>
        public static (string Path, string Options)? ParseTmpfs(string text, string defaultOptions, out string error)
        {
            error = "";
            var t = text.Trim();
            int colon = t.IndexOf(':');
            var path = colon < 0 ? t : t.Substring(0, colon);
            var options = colon < 0 ? defaultOptions : t.Substring(colon + 1);
            if (!path.StartsWith("/", StringComparison.Ordinal))
            {
                error = $"'{text}' is not a tmpfs mount: use /container/path[:options].";
                return null;
            }

            return (path, options);
        }
    }
}
