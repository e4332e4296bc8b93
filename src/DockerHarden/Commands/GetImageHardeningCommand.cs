using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerHarden.Completion;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Services;
using DockerHarden.Views.Container;
using DockerHarden.Views.Image;

namespace DockerHarden.Commands
{
    /// <summary>Audits local images against the image rules (DH3xx) and returns one report per image.</summary>
    [Cmdlet(VerbsCommon.Get, "ImageHardening", DefaultParameterSetName = ReportSet, HelpUri = HelpLinks.Base + "Get-ImageHardening.md")]
    [OutputType(typeof(ImageHardeningReport), typeof(HardeningFinding), ParameterSetName = new[] { ReportSet })]
    [OutputType(typeof(bool), ParameterSetName = new[] { QuietSet })]
    public sealed class GetImageHardeningCommand : EngineAuditCmdlet
    {
        private const string QuietSet = "Quiet";
        private readonly List<string> _names = new();
        private bool _explicitName;

        /// <summary>Images to audit: repo:tag, repository (means :latest), id or short id, repo@sha256:...; wildcards match the local list. Every image when omitted.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(ImageCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Image ids from the pipeline: the ID of docker images --format json, the ImageId of an image report.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ID")]
        public string? ImageId { get; set; }

        /// <summary>The image of a container from the pipeline (a container report, docker ps --format json).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Image { get; set; }

        /// <summary>Repository of a docker images --format json row; with Tag, the reference the image is judged by.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Repository { get; set; }

        /// <summary>Tag of a docker images --format json row.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Tag { get; set; }

        /// <summary>Without -Name: intermediate images too, not only the tagged and top-level ones that docker images lists.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>The age above which an image counts as stale (DH308): a TimeSpan, or a number of days. 180 days by default.</summary>
        [Parameter]
        [DaysTransformation]
        public TimeSpan MaxAge { get; set; } = ImageContext.DefaultMaxAge;

        /// <summary>Do not stream the layers to look for setuid/setgid files (DH306 is then NotApplicable): config and history only.</summary>
        [Parameter]
        public SwitchParameter SkipLayerScan { get; set; }

        /// <summary>Leave out findings below this severity.</summary>
        [Parameter]
        public Severity MinimumSeverity { get; set; } = Severity.Info;

        /// <summary>Return only $true (every image compliant at -FailOn) or $false instead of the reports; never gates.</summary>
        [Parameter(Mandatory = true, ParameterSetName = QuietSet)]
        public SwitchParameter Quiet { get; set; }

        /// <summary>-Name given on the command line: it wins over the pipeline.</summary>
        protected override void BeginProcessing()
        {
            _explicitName = MyInvocation.BoundParameters.ContainsKey(nameof(Name));
            if (_explicitName)
            {
                foreach (var name in (Name ?? Array.Empty<string>()).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()))
                {
                    if (LooksLikeReference(name))
                    {
                        _names.Add(name);
                    }
                    else
                    {
                        WriteError(new ErrorRecord(new ArgumentException(
                                $"'{name}' is not an image reference (repo[:tag], repo@sha256:..., an id, or a wildcard pattern of them): it is skipped."),
                            "InvalidImageReference", ErrorCategory.InvalidArgument, name));
                    }
                }
            }
        }

        /// <summary>Collects one reference per pipeline input: a container's Image, a Repository:Tag row, an id, or a plain string.</summary>
        protected override void ProcessRecord()
        {
            if (_explicitName || !MyInvocation.ExpectingInput)
            {
                return;
            }

            var reference = Usable(Image)
                ?? (Usable(Repository) is { } repo && Usable(Tag) is { } tag ? $"{repo}:{tag}" : null)
                ?? Usable(ImageId)
                ?? (Name is { Length: > 0 } ? Name.Select(Usable).FirstOrDefault(n => n is not null && LooksLikeReference(n)) : null);
            if (reference is null)
            {
                WriteError(new ErrorRecord(new ArgumentException(
                        "A pipeline input carries no image reference (no Image, Repository and Tag, ID or ImageId value): it is skipped, not taken as every image."),
                    "PipelineInputWithoutImage", ErrorCategory.InvalidArgument, CurrentInput()));
            }
            else
            {
                _names.Add(reference);
            }

            Name = null;
            Image = ImageId = Repository = Tag = null;
        }

        /// <summary>Audits every engine, then writes the reports (or one boolean with -Quiet) and the gate.</summary>
        protected override void EndProcessing()
        {
            var quiet = ParameterSetName == QuietSet;
            var gate = AuditGate.Open(this, Policy, FailOn, canGate: !quiet);
            var rules = gate.SelectRules(RuleCatalog.ImageRules, r => r.Info, Rule, ExcludeRule, "image");
            if (MyInvocation.ExpectingInput && !_explicitName && _names.Count == 0)
            {
                WriteVerbose("No image reference arrived from the pipeline: nothing is audited.");
                if (quiet)
                {
                    WriteObject(true);
                }

                gate.Complete();
                return;
            }

            var options = new ImageAuditOptions
            {
                Rules = rules,
                MaxAge = MaxAge,
                AllowedSetIdFiles = gate.Policy.SetIdAllowed,
                SkipLayerScan = SkipLayerScan.IsPresent,
                MinimumSeverity = MinimumSeverity,
                FailOn = FailOn,
                Waive = gate.Waive,
            };
            var query = new ImageQuery { Names = _names.Distinct(StringComparer.Ordinal).ToList(), All = All.IsPresent };
            var hosts = Hosts;
            WriteVerbose($"Asking {string.Join(", ", hosts.Select(h => h ?? "the default engine"))}: " +
                $"{(query.Names.Count > 0 ? "images " + string.Join(", ", query.Names) : All.IsPresent ? "every image, intermediate ones too" : "every image")}; " +
                $"an inspect and a history per image{(SkipLayerScan.IsPresent ? "" : ", and its layers streamed once for setuid/setgid files")}.");
            var progress = new AuditProgress();
            var audits = hosts.Select(host => Task.Run(() => ImageAuditService.RunAsync(host, query, options, progress, Cancellation))).ToArray();
            var results = WaitWithProgress(audits, "Auditing images",
                () => progress.Total > 0 ? ($"{progress.Done} of {progress.Total} images", 100 * progress.Done / progress.Total) : null);
            var compliant = true;
            foreach (var result in results)
            {
                if (result.Error is not null)
                {
                    ReportEngineFailure(result.Error, gate);
                    compliant = false;
                    continue;
                }

                foreach (var warning in result.Warnings)
                {
                    WriteWarning($"{result.Endpoint}: {warning}");
                }

                foreach (var report in result.Reports)
                {
                    compliant &= report.Compliant;
                    if (!quiet)
                    {
                        gate.Emit(report.Name, report);
                    }
                }

                foreach (var missing in result.NotFound)
                {
                    compliant = false;
                    gate.NotAudited(missing);
                    WriteError(new ErrorRecord(
                        new ItemNotFoundException($"No local image named or with id '{missing}' exists on {result.Endpoint} (nothing is pulled)."),
                        "ImageNotFound", ErrorCategory.ObjectNotFound, missing));
                }
            }

            if (quiet)
            {
                WriteObject(compliant);
            }

            gate.Complete();
        }

        private static string? Usable(string? value) =>
            string.IsNullOrWhiteSpace(value) || value.Trim() is "<none>" or "<none>:<none>" ? null : value.Trim();

        // A foreign object piped by value arrives as its string form ("@{Foo=1}"): no reference has those characters.
        private static bool LooksLikeReference(string name) =>
            name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '/' or ':' or '@' or '*' or '?' or '[' or ']');

        private object? CurrentInput() => Name as object ?? Image ?? ImageId ?? Repository;
    }

    /// <summary>Lets -MaxAge take a number of days (90) as well as a TimeSpan: a bare number would otherwise mean ticks.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class DaysTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value switch
            {
                int days => TimeSpan.FromDays(days),
                long days => TimeSpan.FromDays(days),
                double days => TimeSpan.FromDays(days),
                string text when double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var days) => TimeSpan.FromDays(days),
                _ => inputData,
            };
        }
    }
}
