using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Audit;
using DockerHarden.Completion;
using DockerHarden.Daemon;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>Audits containers against every container rule (DH1xx) and returns one report per container.</summary>
    [Cmdlet(VerbsCommon.Get, "ContainerHardening")]
    [OutputType(typeof(ContainerHardeningReport))]
    public sealed class GetContainerHardeningCommand : DockerCmdlet
    {
        private readonly List<string> _names = new();

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

        /// <summary>Evaluate only these rules (ids or names, wildcards allowed), for example DH10*.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? Rule { get; set; }

        /// <summary>Skip these rules (ids or names, wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? ExcludeRule { get; set; }

        /// <summary>Leave out findings below this severity.</summary>
        [Parameter]
        public Severity MinimumSeverity { get; set; } = Severity.Info;

        /// <summary>A Fail at or above this severity makes a report non-compliant.</summary>
        [Parameter]
        public Severity FailOn { get; set; } = Severity.High;

        /// <summary>How many containers are inspected at the same time.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 8;

        /// <summary>Collects names from the pipeline; the audit runs once, over the whole fleet, at the end.</summary>
        protected override void ProcessRecord()
        {
            if (Name is not null)
            {
                // "docker ps --format json" gives Names as "a,b" when a container has several names.
                _names.AddRange(Name.SelectMany(n => n.Split(',')).Select(n => n.Trim()).Where(n => n.Length > 0));
            }
        }

        /// <summary>Lists, selects, inspects and evaluates.</summary>
        protected override void EndProcessing()
        {
            var rules = SelectRules();
            using var gateway = OpenGateway();
            var infoTask = gateway.GetEngineFactsAsync(Cancellation);
            var listTask = gateway.ListContainersAsync(Cancellation);
            var containers = Await(listTask);
            var (noNewPrivileges, source) = LocalDaemonProbe.NoNewPrivilegesDefault(gateway.Endpoint);
            var engine = Await(infoTask) with { NoNewPrivilegesByDefault = noNewPrivileges, NoNewPrivilegesSource = source };

            var selection = ContainerSelection.Select(containers, _names, Label ?? Array.Empty<string>(), All.IsPresent);
            foreach (var missing in selection.UnmatchedNames)
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No container named or with id '{missing}' exists on {gateway.Endpoint}."),
                    "ContainerNotFound", ErrorCategory.ObjectNotFound, missing));
            }

            var fleet = FleetBuilder.FromList(containers);
            var progress = new ProgressRecord(1, "Auditing containers", $"0 of {selection.Selected.Count}");
            try
            {
                int done = 0;
                foreach (var (summary, facts) in Guarded(ContainerAuditor.InspectAll(gateway, selection.Selected, ThrottleLimit, Cancellation)))
                {
                    done++;
                    if (selection.Selected.Count > 1)
                    {
                        progress.StatusDescription = $"{done} of {selection.Selected.Count}: {summary.Names.FirstOrDefault()}";
                        progress.PercentComplete = 100 * done / selection.Selected.Count;
                        WriteProgress(progress);
                    }

                    if (facts is null)
                    {
                        WriteWarning($"Container '{summary.Names.FirstOrDefault() ?? summary.Id}' was removed while it was being audited; skipped.");
                        continue;
                    }

                    WriteObject(ContainerAuditor.Report(facts, engine, fleet, rules, MinimumSeverity, FailOn));
                }
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                WriteProgress(progress);
            }
        }

        private IReadOnlyList<ContainerRule> SelectRules() =>
            RuleSelection.Select(this, RuleCatalog.ContainerRules, r => r.Info, Rule, ExcludeRule, "container");
    }
}
