using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Audit;
using DockerHarden.Completion;
using DockerHarden.Daemon;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>Audits a Docker engine and its host against the daemon rules (DH001-DH021) and returns one report.</summary>
    [Cmdlet(VerbsDiagnostic.Test, "DaemonHardening")]
    [OutputType(typeof(DaemonHardeningReport), typeof(bool))]
    public sealed class TestDaemonHardeningCommand : DockerCmdlet
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

        /// <summary>Evaluate only these rules (ids or names, wildcards allowed), for example DH00*.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? Rule { get; set; }

        /// <summary>Skip these rules (ids or names, wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? ExcludeRule { get; set; }

        /// <summary>A Fail at or above this severity makes the engine non-compliant.</summary>
        [Parameter]
        public Severity FailOn { get; set; } = Severity.High;

        /// <summary>Return only $true (compliant at -FailOn) or $false instead of the report.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Reads the engine and its host, evaluates, writes the report (or a boolean with -Quiet).</summary>
        protected override void EndProcessing()
        {
            var rules = SelectRules();
            var progress = new ProgressRecord(1, "Testing daemon hardening", "Reading the engine's info");
            try
            {
                using var gateway = OpenGateway();
                var engine = Await(gateway.GetDaemonEngineFactsAsync(Cancellation));
                progress.StatusDescription = "Reading the daemon configuration and host files";
                WriteProgress(progress);
                var configPath = DaemonConfigPath is null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(DaemonConfigPath);
                var facts = DaemonFactsCollector.Collect(engine, configPath);
                var report = DaemonAuditor.Report(facts, rules, AllowedUser ?? Array.Empty<string>(), FailOn);
                WriteObject(Quiet.IsPresent ? report.Compliant : report);
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private IReadOnlyList<DaemonRule> SelectRules() =>
            RuleSelection.Select(this, RuleCatalog.DaemonRules, r => r.Info, Rule, ExcludeRule, "daemon");
    }
}
