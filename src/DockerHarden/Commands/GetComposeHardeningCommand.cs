using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Views.Compose;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Audits compose files against the container rules (DH101-DH133) and returns one report per service. The files
    /// one -Path or -LiteralPath value names are merged in order, as docker compose -f a -f b merges them.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ComposeHardening", DefaultParameterSetName = LiteralPathSet, HelpUri = HelpLinks.Base + "Get-ComposeHardening.md")]
    [OutputType(typeof(ComposeHardeningReport), typeof(HardeningFinding))]
    public sealed class GetComposeHardeningCommand : ComposeFileCmdlet
    {
        private IReadOnlyList<ContainerRule> _rules = new List<ContainerRule>();
        private AuditGate? _gate;
        private ComposeImageLookup? _lookup;

        /// <summary>Leave out findings below this severity.</summary>
        [Parameter]
        public Severity MinimumSeverity { get; set; } = Severity.Info;

        /// <summary>A Fail at or above this severity makes a report non-compliant.</summary>
        [Parameter]
        public Severity FailOn { get; set; } = Severity.High;

        /// <summary>A policy file (YAML) with waivers; without it, the file named by DOCKERHARDEN_POLICY, if any.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Policy { get; set; }

        /// <summary>When the gate is crossed, exit code 1 once the script finishes (for CI), and a warning instead of an error.</summary>
        [Parameter]
        public SwitchParameter EnableExit { get; set; }

        /// <summary>
        /// An engine to read the USER of images from, for services that set no user: (DH101). Without it the file alone is
        /// judged and such a service is a Warn; an image that is not on that engine stays a Warn with that reason.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? DockerHost { get; set; }

        /// <summary>Output the failing findings (each naming its Target) instead of the reports.</summary>
        [Parameter]
        public SwitchParameter Failed { get; set; }

        /// <summary>Checks the rule selection and loads the policy once.</summary>
        protected override void BeginProcessing()
        {
            _gate = AuditGate.Open(this, Policy, FailOn);
            _rules = _gate.SelectRules(RuleCatalog.ContainerRules, r => r.Info, Rule, ExcludeRule, "container");
            _lookup = DockerHost is null ? null : ComposeImageLookup.Open(this, DockerHost, Cancellation);
            NotePaths();
        }

        /// <summary>Warns about expired waivers and applies the -FailOn gate after all output.</summary>
        protected override void EndProcessing()
        {
            ProcessPendingPaths();
            _gate?.Complete();
            _lookup?.Dispose();
        }

        /// <summary>Audits the projects this pipeline record names (each once per call).</summary>
        protected override void ProcessRecord() => ProcessPaths();

        /// <summary>Reads, merges, resolves and audits one project.</summary>
        internal override void ProcessFiles(IReadOnlyList<string> files)
        {
            var documents = new List<ComposeDocument>();
            foreach (var file in files)
            {
                var read = Read(file);
                if (read is null)
                {
                    // An override file that cannot be read would change the result: audit nothing rather than a guess.
                    return;
                }

                documents.Add(read.Value.Document);
            }

            if (documents.Count == 0)
            {
                return;
            }

            // Each service is evaluated as it is written: its findings are not kept beyond its report, so a file of
            // hundreds of thousands of services is audited in memory proportional to the file, not to its findings.
            IReadOnlyList<ResolvedService> services;
            Func<ResolvedService, ServiceAudit> audit;
            try
            {
                var project = Cancellable(cancel => ComposeResolver.Resolve(documents, cancel));
                services = project.Services;
                audit = Cancellable(cancel => ComposeAuditor.Auditor(project, _rules, cancel, _lookup?.Users));
                WriteVerbose($"{string.Join(" + ", files)}: {services.Count} service(s) audited with {_rules.Count} rule(s).");
            }
            catch (ComposeParseException e)
            {
                WriteError(ParseError(e));
                return;
            }

            if (services.Count == 0)
            {
                // A file that parses but holds nothing to audit (only version:, an empty services:, an unknown shape)
                // must not pass a gate silently.
                var what = $"{string.Join(" + ", files)} (no services to audit)";
                WriteWarning($"{string.Join(" + ", files)}: no services to audit: the file has no services: mapping with entries " +
                    "(nor services at the top level, as in a version-1 file). Nothing was judged.");
                _gate!.NotAudited(what);
                return;
            }

            var progress = new ProgressRecord(2, "Auditing compose services", files[0]);
            try
            {
                for (int i = 0; i < services.Count; i++)
                {
                    if (Cancellation.IsCancellationRequested)
                    {
                        throw new PipelineStoppedException();
                    }

                    var serviceAudit = Cancellable(_ => audit(services[i]));
                    if (services.Count > 500 && i % 250 == 0)
                    {
                        progress.PercentComplete = 100 * i / services.Count;
                        WriteProgress(progress);
                    }

                    var findings = _gate!.Waive(serviceAudit.Findings.Where(f => f.Severity >= MinimumSeverity));
                    var service = serviceAudit.Facts.Service;
                    _gate.Emit(service.Name, new ComposeHardeningReport(service.File, files, service.Name, service.KeyNode.Line, findings, FailOn));
                }
            }
            finally
            {
                if (services.Count > 500)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
        }
    }
}
