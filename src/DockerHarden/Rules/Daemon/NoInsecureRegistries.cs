using System;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH017: images are only pulled over verified TLS, except from this host itself (CIS 2.5).</summary>
    internal sealed class NoInsecureRegistries : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH017", nameof(NoInsecureRegistries), "Do not allow insecure registries beyond loopback", Severity.High,
            "-", "2.5", "remove \"insecure-registries\" from daemon.json / --insecure-registry from dockerd");

        public override string Description => "Checks the registries the daemon trusts without TLS: none beyond loopback.";

        public override string Rationale => "Images from an insecure registry can be replaced in transit: whoever sits on the network decides what code the containers run (CIS 2.5).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new FilterDaemonList("insecure-registries", "loopback", IsLoopback));

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var engine = context.Facts.Engine;
            // The engine always adds 127.0.0.0/8 itself; loopback registries never leave the host.
            var cidrs = engine.InsecureRegistryCidrs.Where(c => !IsLoopback(c)).ToList();
            var names = engine.InsecureRegistryNames.Where(n => !IsLoopback(n)).ToList();
            var all = cidrs.Concat(names).ToList();
            return all.Count > 0
                ? RuleOutcome.Fail($"insecure registries: {string.Join(", ", all)}")
                : RuleOutcome.Pass("no insecure registry beyond loopback");
        }

        private static bool IsLoopback(string value)
        {
            var host = value.Split('/')[0];
            if (host.StartsWith("[::1]", StringComparison.Ordinal))
            {
                return true;
            }

            var colon = host.LastIndexOf(':');
            if (colon > 0 && !host.Contains("::", StringComparison.Ordinal) && host.Count(c => c == ':') == 1)
            {
                host = host.Substring(0, colon);
            }

            return host.StartsWith("127.", StringComparison.Ordinal) || host == "::1" ||
                   string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase);
        }
    }
}
