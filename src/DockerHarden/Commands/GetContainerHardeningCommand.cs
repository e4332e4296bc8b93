using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerHarden.Completion;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Views.Container;
using DockerHarden.Views.Daemon;

namespace DockerHarden.Commands
{
    /// <summary>Audits containers against every container rule (DH1xx) and returns one report per container.</summary>
    [Cmdlet(VerbsCommon.Get, "ContainerHardening", DefaultParameterSetName = ReportSet, HelpUri = HelpLinks.Base + "Get-ContainerHardening.md")]
    [OutputType(typeof(ContainerHardeningReport), typeof(HardeningFinding))]
    public sealed class GetContainerHardeningCommand : EngineAuditCmdlet
    {
        private PipelineNames? _pipeline;

        private PipelineNames Pipeline => _pipeline ??= new PipelineNames(this,
            "A pipeline input carries no container name or id (no Name, Names, Id or ContainerId value): it is skipped, not taken as every container.",
            n => n.Split(','));

        /// <summary>Names or ids of the containers to audit; wildcards allowed. All running containers when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ContainerName", "Names", "Id", "ContainerId")]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Audit containers in every state (created, exited, paused), not only running ones.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Only containers with these labels: "key" or "key=value"; all must match.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Label { get; set; }

        /// <summary>Leave out findings below this severity.</summary>
        [Parameter]
        public Severity MinimumSeverity { get; set; } = Severity.Info;

        /// <summary>How many containers are inspected at the same time.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>-Name given on the command line: it wins over the pipeline, even an empty one.</summary>
        protected override void BeginProcessing() => Pipeline.Begin(Name);

        /// <summary>
        /// Collects names from the pipeline ("docker ps --format json" gives Names as "a,b"); the audit runs once, over the
        /// whole fleet, at the end.
        /// </summary>
        protected override void ProcessRecord()
        {
            Pipeline.Process(Name);
            Name = null;
        }

        /// <summary>Audits every engine concurrently, then writes the reports engine by engine.</summary>
        protected override void EndProcessing()
        {
            var gate = AuditGate.Open(this, Policy, FailOn);
            var rules = gate.SelectRules(RuleCatalog.ContainerRules, r => r.Info, Rule, ExcludeRule, "container");
            if (Pipeline.NothingPiped)
            {
                // Like @() | Get-Process: an empty pipeline asks for nothing.
                WriteVerbose("No container name arrived from the pipeline: nothing is audited.");
                gate.Complete();
                return;
            }

            var names = Pipeline.Names;
            var query = new ContainerQuery
            {
                Names = names,
                Labels = Label ?? Array.Empty<string>(),
                AllStates = All.IsPresent,
                Throttle = ThrottleLimit,
            };
            var hosts = Hosts;
            WriteVerbose($"Asking {string.Join(", ", hosts.Select(h => h ?? "the default engine"))}: one container list and one info per engine, " +
                $"then an inspect per selected container ({ThrottleLimit} at a time). Filters: " +
                $"names [{(names.Count > 0 ? string.Join(", ", names) : "any")}], labels [{(Label is { Length: > 0 } ? string.Join(", ", Label) : "any")}], " +
                $"{(All.IsPresent ? "every state" : "running only")}.");
            var progress = new AuditProgress();
            var audits = hosts
                .Select(host => Task.Run(() => HostAudit.RunAsync(host, query,
                    (container, engine, fleet) => ContainerAuditor.Report(container, engine, fleet, rules, MinimumSeverity, FailOn, gate.Waive),
                    progress, Cancellation)))
                .ToArray();
            var results = WaitWithProgress(audits, "Auditing containers",
                () => progress.Total > 1 ? ($"{progress.Done} of {progress.Total} containers", 100 * progress.Done / progress.Total) : null);

            var unmatched = new HashSet<string>(names, StringComparer.Ordinal);
            foreach (var result in results)
            {
                if (result.Error is not null)
                {
                    ReportEngineFailure(result.Error, gate);
                    continue;
                }

                WriteVerbose($"{result.Endpoint}: listed {result.Listed} container(s), inspected {result.Inspected}, {result.Reports.Count} report(s).");

                unmatched.IntersectWith(result.UnmatchedNames);
                foreach (var name in result.Vanished)
                {
                    WriteWarning($"Container '{name}' on {result.Endpoint} was removed while it was being audited; skipped.");
                }

                foreach (var report in result.Reports)
                {
                    gate.Emit(report.Name, report);
                }
            }

            ReportUnmatched(names, unmatched, results.Where(r => r.Error is null).Select(r => r.Endpoint).ToList(), "Container", gate);

            gate.Complete();
        }
    }
}
