using System;
using System.Collections.Generic;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH125: the container's logs leave the host, to a central server (guide §8, CIS 2.13).</summary>
    internal sealed class LogsExported : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH125", nameof(LogsExported), "Ship the container's logs to a central log server", Severity.Medium,
            "8", "2.13", "--log-driver syslog --log-opt syslog-address=tcp://LOGHOST:514 (or journald, gelf, fluentd...) / compose logging: { driver: syslog, options: {...} }");

        public override string Description => "Checks the container's log driver: none fails, json-file or local without shipping is a Warn.";

        public override string Rationale => "The guide asks for container logs to be exported to a central server, from Docker or from inside the container; logs left on the host are lost or altered with it (guide 8, CIS 2.13).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.LogDriver };

        public override RuleFix Fix { get; } = RuleFix.Safe(new ClearLogDriverNone());

        public override RuleOutcome Declared(RuleOutcome evaluated, DeclaredService service) =>
            evaluated.Status == FindingStatus.Warn && service.Container.LogDriver.Length == 0
                ? RuleOutcome.Warn("logging.driver is not set: the daemon's default applies (json-file unless the daemon " +
                    "says otherwise); logs stay on the host unless something ships them")
                : evaluated;

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var driver = context.Container.LogDriver.Trim();
            var inherited = "";
            if (driver.Length == 0 && context.Engine.DefaultLogDriver.Trim().Length > 0)
            {
                driver = context.Engine.DefaultLogDriver.Trim();
                inherited = " (the daemon default)";
            }

            switch (driver.ToLowerInvariant())
            {
                case "none":
                    return RuleOutcome.Fail($"log driver is none{inherited}: logs are discarded");
                case "":
                case "json-file":
                case "local":
                    // Only a log shipper inside the container or on the host would export these; we cannot see one.
                    return RuleOutcome.Warn($"log driver is {(driver.Length == 0 ? "unset (json-file)" : driver)}{inherited}: logs stay on the host unless something ships them");
                default:
                    return RuleOutcome.Pass($"log driver is {driver}{inherited}");
            }
        }
    }
}
