using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DockerHarden.Views.Compose
{
    /// <summary>
    /// One short-syntax port entry, read the way compose reads it: <c>[HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTO]</c>,
    /// ports or ranges on either side, IPv6 addresses in brackets (or bare, as docker-compose 1.29 also accepts).
    /// </summary>
    internal sealed record PortSpec(string HostIp, string HostPort, string ContainerPort, string Protocol, bool ProtocolWritten, string? Problem)
    {
        /// <summary>The container side with its protocol, as the engine names it ("80/tcp", "8000-8005/udp").</summary>
        public string ContainerKey => ContainerPort + "/" + Protocol;

        /// <summary>True when compose (1.29 and v2) accepts the entry as written.</summary>
        public bool Valid => Problem is null;
    }

    /// <summary>
    /// The one reader (and writer) of short-syntax ports, used by the DH110/DH126/DH133 facts and by the DH126 fix, so
    /// that a rule and its repair never read one entry two ways. Pure.
    /// </summary>
    internal static class PortSyntax
    {
        // docker-compose 1.29 (docker-py's PORT_SPEC) and compose v2 (go-connections' nat) accept the same shapes:
        // an optional address (hex digits, dots and colons, optionally in brackets) followed by ':', an optional host
        // port or range followed by ':', then the container port or range and an optional protocol.
        private static readonly Regex Spec = new(
            @"^(?:(?:(?:\[(?<ip6>[0-9a-fA-F:.]+)\]|(?<ip>[0-9a-fA-F:.]+?)):)?(?<ext>\d*)(?:-(?<extEnd>\d+))?:)?(?<int>\d+)(?:-(?<intEnd>\d+))?(?:/(?<proto>[A-Za-z]+))?$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        // "127.0.0.1:3001": an address and a container port with no host-port field between them.
        private static readonly Regex AddressAndPort = new(
            @"^(?:\[(?<ip>[0-9a-fA-F:.]+)\]|(?<ip>\d{1,3}(?:\.\d{1,3}){3})):(?<int>\d+(?:-\d+)?)(?:/(?<proto>[A-Za-z]+))?$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        /// <summary>Reads one entry; an entry compose rejects still gets its best reading, with <see cref="PortSpec.Problem"/> set.</summary>
        public static PortSpec Parse(string spec)
        {
            var s = spec.Trim();
            var pair = AddressAndPort.Match(s);
            if (pair.Success)
            {
                var proto = Protocol(pair.Groups["proto"]);
                return new PortSpec(pair.Groups["ip"].Value, "", pair.Groups["int"].Value, proto ?? "tcp", pair.Groups["proto"].Success,
                    $"'{s}' names an address and a container port but no host-port field: docker-compose and the docker CLI reject it " +
                    $"(\"{pair.Groups["ip"].Value}::{pair.Groups["int"].Value}\" publishes it on an ephemeral port of that address)");
            }

            var m = Spec.Match(s);
            if (!m.Success)
            {
                return Fallback(s);
            }

            var ip = m.Groups["ip6"].Success ? m.Groups["ip6"].Value : m.Groups["ip"].Value;
            var ext = Range(m.Groups["ext"].Value, m.Groups["extEnd"]);
            var inner = Range(m.Groups["int"].Value, m.Groups["intEnd"]);
            var protocol = Protocol(m.Groups["proto"]);
            string? problem = null;
            if (protocol is null)
            {
                problem = $"'{s}' has the protocol '{m.Groups["proto"].Value}'; compose accepts tcp, udp and sctp";
            }
            else if (!InRange(m.Groups["int"].Value) || m.Groups["intEnd"].Success && !InRange(m.Groups["intEnd"].Value) ||
                m.Groups["ext"].Value.Length > 0 && !InRange(m.Groups["ext"].Value) || m.Groups["extEnd"].Success && !InRange(m.Groups["extEnd"].Value))
            {
                problem = $"'{s}' has a port outside 1-65535";
            }
            else if (ext.Length > 0 && Width(ext) != Width(inner))
            {
                problem = $"'{s}' maps {Width(ext)} host port(s) onto {Width(inner)} container port(s)";
            }

            return new PortSpec(ip, ext, inner, protocol ?? m.Groups["proto"].Value.ToLowerInvariant(), m.Groups["proto"].Success, problem);
        }

        /// <summary>
        /// The entry bound to <paramref name="address"/>: the host port, container port and a written protocol are kept;
        /// an entry without a host port gets an ephemeral one on that address ("127.0.0.1::80").
        /// </summary>
        public static string BindTo(PortSpec spec, string address)
        {
            var ip = address.Contains(':', StringComparison.Ordinal) && !address.StartsWith("[", StringComparison.Ordinal) ? "[" + address + "]" : address;
            return ip + ":" + spec.HostPort + ":" + spec.ContainerPort + (spec.ProtocolWritten ? "/" + spec.Protocol : "");
        }

        // Something no compose accepts ("8080:80:90:x"): keep the old split so the rules still see a port.
        private static PortSpec Fallback(string s)
        {
            var body = s;
            var proto = "tcp";
            int slash = body.LastIndexOf('/');
            if (slash >= 0)
            {
                proto = body.Substring(slash + 1);
                body = body.Substring(0, slash);
            }

            var parts = body.Split(':');
            var host = parts.Length >= 2 ? parts[^2] : "";
            var ip = parts.Length >= 3 ? string.Join(":", parts, 0, parts.Length - 2).Trim('[', ']') : "";
            return new PortSpec(ip, host, parts[^1], proto, slash >= 0, $"'{s}' is not a port, a range or [HOST_IP:][HOST_PORT:]CONTAINER_PORT[/PROTOCOL]");
        }

        private static string? Protocol(Group g) =>
            !g.Success ? "tcp" : g.Value.ToLowerInvariant() is "tcp" or "udp" or "sctp" ? g.Value.ToLowerInvariant() : null;

        private static string Range(string start, Group end) => start.Length == 0 ? "" : end.Success ? start + "-" + end.Value : start;

        private static bool InRange(string port) =>
            int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= 65535;

        private static int Width(string range)
        {
            var parts = range.Split('-');
            return parts.Length == 1 ? 1 : int.Parse(parts[1], CultureInfo.InvariantCulture) - int.Parse(parts[0], CultureInfo.InvariantCulture) + 1;
        }
    }
}
