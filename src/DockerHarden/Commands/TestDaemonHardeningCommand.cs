using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Services;

namespace DockerHarden.Commands
{
    /// <summary>Audits a Docker engine and its host against the daemon rules (DH001-DH021) and returns one report.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "DaemonHardening", DefaultParameterSetName = ReportSet, HelpUri = HelpLinks.Base + "Test-DaemonHardening.md")]
    [OutputType(typeof(DaemonHardeningReport), typeof(HardeningFinding), ParameterSetName = new[] { ReportSet })]
    [OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
    public sealed class TestDaemonHardeningCommand : EngineAuditCmdlet
    {
        private const string QuietSet = "Quiet";

        /// <summary>Read this daemon.json instead of the one the serving dockerd uses (--config-file, else /etc/docker/daemon.json).</summary>
        [Parameter]
        [Alias("ConfigPath")]
        [ValidateNotNullOrEmpty]
        public string? DaemonConfigPath { get; set; }

        /// <summary>Users allowed in the docker group (DH001). Without it, more than one member fails.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AllowedUser { get; set; }

        /// <summary>Return only $true (compliant at -FailOn) or $false instead of the report; never gates (no -EnableExit or -Failed).</summary>
        [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Reads every engine and its host concurrently, evaluates, writes the reports (or one boolean with -Quiet).</summary>
        protected override void EndProcessing()
        {
            // -Quiet is the answer itself: it reports through its boolean, never through the gate.
            var quiet = ParameterSetName == QuietSet;
            var gate = AuditGate.Open(this, Policy, FailOn, canGate: !quiet);
            var request = new DaemonAuditRequest
            {
                Rules = gate.SelectRules(RuleCatalog.DaemonRules, r => r.Info, Rule, ExcludeRule, "daemon"),
                ConfigPath = DaemonConfigPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DaemonConfigPath),
                AllowedUsers = AllowedUser ?? Array.Empty<string>(),
                FailOn = FailOn,
                Waive = gate.Waive,
            };
            var hosts = Hosts;
            WriteVerbose($"Asking {string.Join(", ", hosts.Select(h => h ?? "the default engine"))}: one info per engine; reading " +
                $"{request.ConfigPath ?? "the daemon.json the serving dockerd uses"}, its command line and the host's files where the engine is local.");
            var audits = hosts.Select(host => Task.Run(() => DaemonAuditService.RunAsync(host, request, Cancellation))).ToArray();
            var results = WaitWithProgress(audits, "Testing daemon hardening",
                () => ($"Reading {audits.Count(a => !a.IsCompleted)} of {audits.Length} engine(s) and their hosts", 100 * audits.Count(a => a.IsCompleted) / audits.Length));
            var compliant = true;
            foreach (var (report, error) in results)
            {
                if (error is not null)
                {
                    ReportEngineFailure(error, gate);
                    compliant = false;
                    continue;
                }

                WriteVerbose($"{report!.DockerHost}: dockerd {report.ServerVersion}, daemon.json {(report.ConfigPath.Length > 0 ? report.ConfigPath : "unknown")}, " +
                    $"{report.FailCount} fail(s), {report.WarnCount} warning(s).");
                compliant &= report.Compliant;
                if (!quiet)
                {
                    gate.Emit(report.DockerHost, report);
                }
            }

            if (quiet)
            {
                WriteObject(compliant);
            }

            gate.Complete();
        }
    }
}
