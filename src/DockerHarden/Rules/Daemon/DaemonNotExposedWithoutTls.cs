using System;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH002: a TCP listener without client-certificate verification is root for anyone who can reach it (guide §1, CIS 2.7).</summary>
    internal sealed class DaemonNotExposedWithoutTls : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH002", nameof(DaemonNotExposedWithoutTls), "Never expose the daemon on TCP without TLS client verification", Severity.Critical,
            "1", "2.7", "daemon.json \"tlsverify\": true with \"tlscacert\", \"tlscert\", \"tlskey\", or remove tcp:// from \"hosts\"/-H");

        public override string Description => "Checks every socket the daemon listens on: a tcp:// host must require TLS client verification (tlsverify).";

        public override string Rationale => "The Engine API is unauthenticated by design: anyone who reaches an open TCP socket controls the engine and, through it, the host. TLS with client certificates is the only authentication dockerd itself offers (CIS 2.7).";

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var facts = context.Facts;
            var endpoint = facts.Engine.Endpoint;
            if (IsTcp(endpoint) && !facts.Engine.EndpointUsesTls)
            {
                return RuleOutcome.Fail($"the engine answered at {endpoint} without TLS: anyone who reaches that address controls the host");
            }

            if (!TryGetSettings(facts, out var settings, out var notApplicable))
            {
                return notApplicable;
            }

            var hosts = settings.List("hosts");
            var tcp = hosts.Where(IsTcp).ToList();
            if (tcp.Count == 0)
            {
                return RuleOutcome.Pass(hosts.Count == 0
                    ? "no -H/\"hosts\": the daemon listens on its default unix socket only"
                    : $"listens on {string.Join(", ", hosts)} only ({settings.Get("hosts")!.Source})");
            }

            if (settings.Bool("tlsverify") == true)
            {
                return RuleOutcome.Pass($"TCP listener(s) {string.Join(", ", tcp)} require client certificates (tlsverify)");
            }

            var tlsOnly = settings.Bool("tls") == true ? " (\"tls\" without \"tlsverify\" encrypts but accepts any client)" : "";
            return RuleOutcome.Fail($"listens on {string.Join(", ", tcp)} without tlsverify{tlsOnly} ({settings.Get("hosts")!.Source})");
        }

        /// <summary>dockerd reads a host without a scheme as TCP.</summary>
        private static bool IsTcp(string host)
        {
            var h = host.Trim();
            return h.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase) ||
                   (!h.Contains("://", StringComparison.Ordinal) && !h.StartsWith("/", StringComparison.Ordinal) && h.Contains(':', StringComparison.Ordinal));
        }
    }
}
