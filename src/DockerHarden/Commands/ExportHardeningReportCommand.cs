using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Files;
using DockerHarden.Models;
using DockerHarden.Reporting;
using DockerHarden.Rules;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Writes hardening reports or findings from the pipeline to one file: SARIF 2.1.0, JUnit XML, JSON or a
    /// self-contained HTML page.
    /// </summary>
    [Cmdlet(VerbsData.Export, "HardeningReport", SupportsShouldProcess = true, HelpUri = HelpLinks.Base + "Export-HardeningReport.md")]
    [OutputType(typeof(ReportExportResult))]
    public sealed class ExportHardeningReportCommand : PSCmdlet
    {
        private readonly ExportTargetReader _reader = new(Property);
        private string _path = string.Empty;
        private string? _basePath;
        private ReportFormat _format;

        /// <summary>Reports (anything with a Findings property) or findings, usually from the pipeline.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The file to write. Its extension chooses the format when -Format is omitted.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = string.Empty;

        /// <summary>Sarif, JUnit, Json or Html. Default: from the extension of -Path.</summary>
        [Parameter(Position = 1)]
        public ReportFormat? Format { get; set; }

        /// <summary>SARIF only: compose file paths below this directory are written relative to it (uriBaseId SRCROOT).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? BasePath { get; set; }

        /// <summary>Overwrite the file when it exists.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write a result (Path, Format, Targets, Findings) for the report file to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Resolves the file and the format before any input arrives, so a mistake stops the pipeline at once.</summary>
        protected override void BeginProcessing()
        {
            _path = ResolveFileSystemPath(Path);
            _basePath = BasePath is null ? null : ResolveFileSystemPath(BasePath);
            var format = Format ?? ReportWriters.FormatOf(_path);
            if (format is null)
            {
                Stop(new ArgumentException(
                    $"Cannot tell the report format from the file name '{_path}'. Give -Format Sarif, JUnit, Json or Html, or use " +
                    "the extension .sarif (or .sarif.json), .xml, .json or .html."),
                    "ReportFormatUnknown", ErrorCategory.InvalidArgument, Path);
            }

            _format = format!.Value;
            if (Directory.Exists(_path))
            {
                Stop(new IOException($"'{_path}' is a directory; -Path must name a file."), "ReportPathIsDirectory", ErrorCategory.InvalidArgument, _path);
            }

            string? directory = System.IO.Path.GetDirectoryName(_path);
            if (directory is not null && !Directory.Exists(directory))
            {
                Stop(new DirectoryNotFoundException($"The directory '{directory}' of the report file does not exist."),
                    "ReportDirectoryNotFound", ErrorCategory.ObjectNotFound, directory);
            }

            if (File.Exists(_path) && !Force)
            {
                FileExists();
            }
        }

        /// <summary>Collects every input; the file is written once, at the end.</summary>
        protected override void ProcessRecord()
        {
            if (InputObject is null)
            {
                return;
            }

            foreach (var problem in _reader.Add(InputObject))
            {
                WriteError(new ErrorRecord(new ArgumentException(problem.Message), problem.ErrorId, ErrorCategory.InvalidData, problem.Target));
            }
        }

        /// <summary>Writes the whole report atomically, after ShouldProcess.</summary>
        protected override void EndProcessing()
        {
            var targets = _reader.Targets();
            int reported = targets.Sum(t => t.Findings.Count(f => f.IsReported));
            if (!ShouldProcess(_path, $"Write a {_format} report of {targets.Count} targets ({reported} Fail/Warn/Waived findings)"))
            {
                return;
            }

            var options = new ReportOptions
            {
                ToolVersion = typeof(ExportHardeningReportCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                Catalog = RuleCatalog.All().ToDictionary(r => r.Id, StringComparer.Ordinal),
                BasePath = _basePath,
                GeneratedAt = DateTimeOffset.Now,
            };
            try
            {
                AtomicFile.Write(_path, Force, writer => ReportWriters.Write(_format, writer, targets, options));
            }
            catch (IOException) when (!Force && File.Exists(_path))
            {
                FileExists();
            }
            catch (UnauthorizedAccessException e)
            {
                Stop(new UnauthorizedAccessException($"Cannot write the report file '{_path}': {e.Message}", e),
                    "ReportWriteDenied", ErrorCategory.PermissionDenied, _path);
            }
            catch (IOException e)
            {
                Stop(new IOException($"Cannot write the report file '{_path}': {e.Message}", e), "ReportWriteFailed", ErrorCategory.WriteError, _path);
            }

            if (PassThru)
            {
                WriteObject(new ReportExportResult(_path, _format, targets.Count, targets.Sum(t => t.Findings.Count)));
            }
        }

        /// <summary>A property of pipeline input by name, through PowerShell's adapters (so deserialized objects work too).</summary>
        private static object? Property(object item, string name)
        {
            try
            {
                var value = PSObject.AsPSObject(item).Properties[name]?.Value;
                return value is PSObject wrapped && wrapped.BaseObject is not PSCustomObject ? wrapped.BaseObject : value;
            }
            catch (GetValueException)
            {
                return null;
            }
        }

        private string ResolveFileSystemPath(string path)
        {
            string resolved;
            ProviderInfo provider;
            try
            {
                resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
            }
            catch (Exception e) when (e is ItemNotFoundException or System.Management.Automation.DriveNotFoundException
                or ProviderNotFoundException or NotSupportedException or ArgumentException)
            {
                Stop(e, "ReportPathInvalid", ErrorCategory.InvalidArgument, path);
                throw; // not reached: Stop always throws
            }

            if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            {
                Stop(new ArgumentException($"'{path}' is not a file system path (provider {provider.Name})."),
                    "ReportPathNotFileSystem", ErrorCategory.InvalidArgument, path);
            }

            return resolved;
        }

        private void FileExists() =>
            Stop(new IOException($"The report file '{_path}' exists. Use -Force to overwrite it."), "ReportFileExists", ErrorCategory.ResourceExists, _path);

        private void Stop(Exception exception, string errorId, ErrorCategory category, object target) =>
            ThrowTerminatingError(new ErrorRecord(exception, errorId, category, target));
    }
}
