using System;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH011: the daemon's default log driver sends logs off the host (guide §8.1, CIS 2.13).</summary>
    internal sealed class CentralLogDriver : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH011", nameof(CentralLogDriver), "Send container logs to a central log server by default", Severity.Medium,
            "8.1", "2.13", "daemon.json \"log-driver\": \"syslog\" (or gelf, fluentd...) with \"log-opts\": {\"syslog-address\": \"tcp+tls://LOGHOST:6514\"}");

        public override string Description => "Checks the daemon's default log driver: json-file, local or none keep logs on the host (Fail); syslog or journald without a remote target are a Warn.";

        public override string Rationale => "Logs that stay on the host are lost with it and can be erased by whoever compromises it; the guide asks the daemon to export container logs to a central server (guide 8.1, CIS 2.13).";

        public override RuleFix Fix { get; } = RuleFix.Safe(new SetDaemonLogDriver(driver => driver is null or "json-file" or "local" or "none"));

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var facts = context.Facts;
            var driver = facts.Engine.LoggingDriver.Trim();
            switch (driver.ToLowerInvariant())
            {
                case "":
                case "json-file":
                case "local":
                    return RuleOutcome.Fail($"default log driver is {(driver.Length == 0 ? "unset (json-file)" : driver)}: logs stay on this host");
                case "none":
                    return RuleOutcome.Fail("default log driver is none: logs are discarded");
                case "journald":
                    return RuleOutcome.Warn("default log driver is journald: logs stay in this host's journal unless it is forwarded");
                case "syslog":
                    return Syslog(facts);
                default:
                    return RuleOutcome.Pass($"default log driver is {driver}");
            }
        }

        private static RuleOutcome Syslog(Facts.DaemonFacts facts)
        {
            if (facts.Config.Settings is not { } settings)
            {
                return RuleOutcome.Warn($"default log driver is syslog; its log-opts cannot be read ({facts.Config.UnavailableReason}), so the target is unknown");
            }

            var options = settings.Map("log-opts");
            if (!options.TryGetValue("syslog-address", out var address) || address.Length == 0)
            {
                return RuleOutcome.Warn("default log driver is syslog without syslog-address: logs go to the local syslog daemon");
            }

            if (address.StartsWith("unix", StringComparison.OrdinalIgnoreCase))
            {
                return RuleOutcome.Warn($"default log driver is syslog to the local socket {address}");
            }

            return RuleOutcome.Pass($"default log driver is syslog to {address}");
        }
    }
}
