using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH019: the daemon's configuration, units and TLS material are root's alone (CIS 3.1-3.24).</summary>
    internal sealed class DaemonFilePermissions : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH019", nameof(DaemonFilePermissions), "Daemon configuration, unit and TLS files are owned by root with tight modes", Severity.Medium,
            "-", "3.1-3.24", "chown root:root FILE; chmod 644 (daemon.json, units), 755 (/etc/docker), 444 (certificates), 400 (keys)");

        public override string Description => "Checks the owner and mode of daemon.json, /etc/docker, the systemd service and socket units and the TLS keys and certificates.";

        public override string Rationale => "Whoever can write these files decides how dockerd starts, what it trusts and which keys it uses, which is root on the host (CIS 3.1-3.24).";

        /// <summary>The widest mode CIS allows each kind of file, and how the evidence names it.</summary>
        private static readonly IReadOnlyDictionary<DaemonFileKind, (int MaxMode, string What)> Limits = new Dictionary<DaemonFileKind, (int, string)>
        {
            [DaemonFileKind.Config] = (0b110_100_100, "daemon.json"),
            [DaemonFileKind.ConfigDirectory] = (0b111_101_101, "config directory"),
            [DaemonFileKind.Unit] = (0b110_100_100, "unit"),
            [DaemonFileKind.EnvironmentFile] = (0b110_100_100, "environment file"),
            [DaemonFileKind.TlsCaCertificate] = (0b100_100_100, "TLS CA certificate"),
            [DaemonFileKind.TlsCertificate] = (0b100_100_100, "TLS certificate"),
            [DaemonFileKind.TlsKey] = (0b100_000_000, "TLS key"),
        };

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var facts = context.Facts;
            if (!TryGetHost(facts, out var host, out var notApplicable))
            {
                return notApplicable;
            }

            var expectedUid = facts.Rootless ? host.DaemonUid ?? 0 : 0;
            var problems = new List<string>();
            var checkedFiles = new List<string>();
            foreach (var (file, kind) in host.DaemonFiles)
            {
                var (maxMode, what) = Limits[kind];
                checkedFiles.Add(file.Path);
                // Bits, not numbers: 0606 is below 0644 as a number yet lets everyone write.
                var extra = file.Mode & 0b111_111_111_111 & ~maxMode;
                if (extra != 0)
                {
                    problems.Add($"{what} {file}: mode wider than {System.Convert.ToString(maxMode, 8).PadLeft(4, '0')}");
                }

                if (file.Uid != expectedUid)
                {
                    problems.Add($"{what} {file}: owner is not {(expectedUid == 0 ? "root" : $"uid {expectedUid}")}");
                }
            }

            var errors = host.DaemonFileErrors.Count > 0 ? $"; not checked: {string.Join("; ", host.DaemonFileErrors)}" : "";
            if (problems.Count > 0)
            {
                return RuleOutcome.Fail(string.Join("; ", problems) + errors);
            }

            return checkedFiles.Count == 0
                ? RuleOutcome.NotApplicable("none of the daemon's configuration, unit or TLS files exists on this host" + errors)
                : RuleOutcome.Pass($"checked {string.Join(", ", checkedFiles)}{errors}");
        }
    }
}
