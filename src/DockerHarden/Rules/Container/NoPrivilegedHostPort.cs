using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH133: no published port takes a privileged host port, below 1024 (CIS 5.8).</summary>
    internal sealed class NoPrivilegedHostPort : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH133", nameof(NoPrivilegedHostPort), "Do not map privileged host ports (below 1024)", Severity.Low,
            "-", "5.8", $"-p {FixDefaults.BuiltIn.BindAddress}:8080:80 (a host port of 1024 or above) / compose ports: [\"{FixDefaults.BuiltIn.BindAddress}:8080:80\"]");

        public override string Description => "Checks published ports for host ports below 1024.";

        public override string Rationale => "Ports below 1024 are privileged: a container mapped onto one takes a port that host services and their clients trust to be run by root, and the mapping hides that the workload needs no such privilege (CIS 5.8).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Ports };

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var bindings = context.Container.PortBindings;
            if (bindings.Count == 0)
            {
                return RuleOutcome.Pass("publishes no port");
            }

            var privileged = bindings.Where(b => IsPrivileged(b.HostPort)).Select(PortsBoundToInterface.Describe).ToList();
            return privileged.Count > 0
                ? RuleOutcome.Warn("host port below 1024: " + string.Join(", ", privileged))
                : RuleOutcome.Pass("host ports are 1024 or above (or ephemeral): " + string.Join(", ", bindings.Select(PortsBoundToInterface.Describe)));
        }

        /// <summary>True when a host port (or the first port of a range "80-90") is between 1 and 1023.</summary>
        internal static bool IsPrivileged(string hostPort)
        {
            var first = hostPort.Trim().Split('-')[0];
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port > 0 && port < 1024;
        }
    }
}
