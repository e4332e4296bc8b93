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
    [OutputType(typeof(DaemonHardeningReport), typeof(bool))]
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
            var rules = SelectRules();
            var gate = AuditGate.Open(this, Policy, FailOn);
            var configPath = DaemonConfigPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DaemonConfigPath);
            var hosts = Hosts;
            var adapters = AdapterLoader.Factory;
            var audits = hosts.Select(host => Task.Run(async () =>
            {
                try
                {
                    using var gateway = adapters.OpenDocker(host);
                    var engine = await gateway.GetDaemonEngineFactsAsync(Cancellation).ConfigureAwait(false);
                    var facts = DaemonFactsCollector.Collect(engine, configPath);
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
                    ReportEngineFailure(error);
                    compliant = false;
                    continue;
                }

                compliant &= report!.Compliant;
                if (!Quiet.IsPresent)
                {
                    // -Quiet is the answer itself: it reports through its boolean, never through the gate's error.
                    gate.Observe(report.DockerHost, report.Findings);
                    WriteObject(report);
                }
            }

            if (Quiet.IsPresent)
            {
                WriteObject(compliant);
            }

            gate.Complete();
        }

        private IReadOnlyList<DaemonRule> SelectRules() =>
            RuleSelection.Select(this, RuleCatalog.DaemonRules, r => r.Info, Rule, ExcludeRule, "daemon");
    }
}
