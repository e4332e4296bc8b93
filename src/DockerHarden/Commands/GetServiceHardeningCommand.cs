using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerHarden.Completion;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Services;

namespace DockerHarden.Commands
{
    /// <summary>Audits Swarm services' task templates against the container rules (DH1xx) and returns one report per service.</summary>
    [Cmdlet(VerbsCommon.Get, "ServiceHardening", DefaultParameterSetName = ReportSet, HelpUri = HelpLinks.Base + "Get-ServiceHardening.md")]
    [OutputType(typeof(ServiceHardeningReport), typeof(HardeningFinding), ParameterSetName = new[] { ReportSet })]
    [OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
    public sealed class GetServiceHardeningCommand : EngineAuditCmdlet
    {
        private const string QuietSet = "Quiet";
        private PipelineNames? _pipeline;

        private PipelineNames Pipeline => _pipeline ??= new PipelineNames(this,
            "A pipeline input carries no service name or id (no Name, ID or ServiceId value): it is skipped, not taken as every service.");

        /// <summary>Names or ids of the services to audit; wildcards allowed. Every service when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ServiceName", "Id", "ServiceId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ServiceNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Only services with these labels: "key" or "key=value"; all must match.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <summary>Also audit each running task's container (its report's Node says where it runs) in the report's Tasks.</summary>
        [Parameter]
        public SwitchParameter IncludeTasks { get; set; }

        /// <summary>Leave out findings below this severity.</summary>
        [Parameter]
        public Severity MinimumSeverity { get; set; } = Severity.Info;

        /// <summary>Return only $true (every audited service compliant at -FailOn) or $false instead of the reports; never gates.</summary>
        [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
        public SwitchParameter Quiet { get; set; }

        /// <summary>-Name given on the command line: it wins over the pipeline.</summary>
        protected override void BeginProcessing() => Pipeline.Begin(Name);

        /// <summary>Collects names from the pipeline; the audit runs once, at the end.</summary>
        protected override void ProcessRecord()
        {
            Pipeline.Process(Name);
            Name = null;
        }

        /// <summary>Audits every manager concurrently, then writes the reports manager by manager.</summary>
        protected override void EndProcessing()
        {
            var quiet = ParameterSetName == QuietSet;
            var gate = AuditGate.Open(this, Policy, FailOn, canGate: !quiet);
            var rules = gate.SelectRules(RuleCatalog.ContainerRules, r => r.Info, Rule, ExcludeRule, "container");
            if (Pipeline.NothingPiped)
            {
                WriteVerbose("No service name arrived from the pipeline: nothing is audited.");
                if (quiet)
                {
                    WriteObject(true);
                }

                gate.Complete();
                return;
            }

            var names = Pipeline.Names;
            var request = new ServiceAuditRequest
            {
                Names = names,
                Labels = Label ?? Array.Empty<string>(),
                Rules = rules,
                IncludeTasks = IncludeTasks.IsPresent,
                MinimumSeverity = MinimumSeverity,
                FailOn = FailOn,
                Waive = gate.Waive,
            };
            var hosts = Hosts;
            WriteVerbose($"Asking {string.Join(", ", hosts.Select(h => h ?? "the default engine"))}: one info, one version and one service list per manager, " +
                $"an image inspect per image the specs leave USER or HEALTHCHECK to{(IncludeTasks ? ", and the tasks of each service with their containers" : "")}.");
            var audits = hosts.Select(host => Task.Run(() => ServiceAuditService.RunAsync(host, request, Cancellation))).ToArray();
            var results = WaitWithProgress(audits, "Auditing services",
                () => ($"Reading {audits.Count(a => !a.IsCompleted)} of {audits.Length} manager(s)", 100 * audits.Count(a => a.IsCompleted) / audits.Length));

            var compliant = true;
            var unmatched = new HashSet<string>(names, StringComparer.Ordinal);
            foreach (var result in results)
            {
                if (result.Error is not null)
                {
                    compliant = false;
                    ReportEngineFailure(result.Error, gate);
                    continue;
                }

                if (result.Refusal is { } refusal)
                {
                    compliant = false;
                    ReportRefusal(result.Endpoint, refusal.ErrorId, refusal.Message, gate);
                    continue;
                }

                WriteVerbose($"{result.Endpoint}: listed {result.Listed} service(s), {result.Reports.Count} report(s).");
                unmatched.IntersectWith(result.UnmatchedNames);
                foreach (var note in result.RemoteTasks)
                {
                    WriteWarning($"{result.Endpoint}: {note}.");
                }

                foreach (var report in result.Reports)
                {
                    compliant &= report.Compliant && report.Tasks.All(t => t.Compliant);
                    if (quiet)
                    {
                        gate.Observe(report.Name, report.Findings);
                    }
                    else
                    {
                        gate.Emit(report.Name, report);
                    }
                }
            }

            var answered = results.Where(r => r.Error is null && r.Refusal is null).Select(r => r.Endpoint).ToList();
            if (ReportUnmatched(names, unmatched, answered, "Service", gate) > 0)
            {
                compliant = false;
            }

            if (quiet)
            {
                WriteObject(compliant);
            }

            gate.Complete();
        }

        /// <summary>An engine that is no swarm manager: like an unreachable one, it ends a one-engine call and is an error among several.</summary>
        private void ReportRefusal(string endpoint, string errorId, string message, AuditGate gate)
        {
            gate.NotAudited(endpoint);
            var record = new ErrorRecord(new InvalidOperationException(message), errorId, ErrorCategory.InvalidOperation, endpoint);
            if (Hosts.Length == 1)
            {
                gate.ExitOnWholeCallFailure();
                ThrowTerminatingError(record);
            }

            WriteError(record);
        }
    }
}
