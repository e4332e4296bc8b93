using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Audit;
using DockerHarden.Completion;
using System.Threading.Tasks;
using DockerHarden.Daemon;
using DockerHarden.Facts;
using DockerHarden.Loading;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>Audits a Docker engine and its host against the daemon rules (DH001-DH021) and returns one report.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "DaemonHardening", HelpUri = HelpLinks.Base + "Test-DaemonHardening.md")]
    [OutputType(typeof(DaemonHardeningReport), typeof(HardeningFinding), typeof(bool))]
    public sealed class TestDaemonHardeningCommand : EngineAuditCmdlet
    {
        /// <summary>Read this daemon.json instead of the one the serving dockerd uses (--config-file, else /etc/docker/daemon.json).</summary>
        [Parameter]
        [Alias("ConfigPath")]
        [ValidateNotNullOrEmpty]
        public string? DaemonConfigPath { get; set; }

        /// <summary>Users allowed in the docker group (DH001). Without it, more than one member fails.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AllowedUser { get; set; }

        /// <summary>Return only $true (compliant at -FailOn) or $false instead of the report.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Reads every engine and its host concurrently, evaluates, writes the reports (or one boolean with -Quiet).</summary>
        protected override void EndProcessing()
        {
            var gate = AuditGate.Open(this, Policy, FailOn);
            var rules = gate.SelectRules(RuleCatalog.DaemonRules, r => r.Info, Rule, ExcludeRule, "daemon");
            var configPath = DaemonConfigPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DaemonConfigPath);
            var hosts = Hosts;
            var adapters = AdapterLoader.Factory;
            WriteVerbose($"Asking {string.Join(", ", hosts.Select(h => h ?? "the default engine"))}: one info per engine; reading " +
                $"{configPath ?? "the daemon.json the serving dockerd uses"}, its command line and the host's files where the engine is local.");
            var audits = hosts.Select(host => Task.Run(async () =>
            {
                try
                {
                    using var gateway = adapters.OpenDocker(host);
                    var engine = await gateway.GetDaemonEngineFactsAsync(Cancellation).ConfigureAwait(false);
                    var facts = DaemonFactsCollector.Collect(engine, configPath, rules.OfType<IReadsSysctls>().SelectMany(r => r.Sysctls).Distinct().ToList());
                    return (Report: DaemonAuditor.Report(facts, rules, AllowedUser ?? Array.Empty<string>(), FailOn, gate.Waive), Error: (EngineException?)null);
                }
                catch (EngineException e)
                {
                    return (Report: (DaemonHardeningReport?)null, Error: e);
                }
            })).ToArray();

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
                if (!Quiet.IsPresent)
                {
                    // -Quiet is the answer itself: it reports through its boolean, never through the gate (not armed then).
                    gate.Emit(report.DockerHost, report);
                }
            }

            if (Quiet.IsPresent)
            {
                WriteObject(compliant);
            }

            gate.Complete();
        }
    }
}
