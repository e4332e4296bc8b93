using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using DockerHarden.Files;
using DockerHarden.Loading;
using DockerHarden.Views.Compose;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Base of the cmdlets that read compose files (no engine): -Path with wildcards or -LiteralPath (which binds
    /// FullName/PSPath from Get-ChildItem and Files from our reports), directory and working-directory discovery as
    /// docker compose does it (rule selection and cancellation from <see cref="RuleCmdlet"/>), and the one place where unreadable files become errors.
    /// </summary>
    /// <remarks>
    /// LiteralPath is the default parameter set so that an object carrying both Path and Files (a report) binds
    /// literally: a report of '[prod]/compose.yml' must not be read as a wildcard. Neither parameter is mandatory:
    /// without one the working directory's project is used, but only when nothing is piped, so an empty upstream
    /// does nothing.
    /// </remarks>
    public abstract class ComposeFileCmdlet : RuleCmdlet
    {
        /// <summary>Parameter set of -Path.</summary>
        protected const string PathSet = "Path";
        /// <summary>Parameter set of -LiteralPath.</summary>
        protected const string LiteralPathSet = "LiteralPath";

        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private bool _commandLinePaths;
        private bool _commandLineDone;

        /// <summary>Compose files or directories; wildcards allowed. Without -Path or -LiteralPath, the working directory's project.</summary>
        [Parameter(Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Compose files or directories, taken literally (no wildcards).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP", "Files")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Audits or repairs one project: one file, or several merged in order.</summary>
        internal abstract void ProcessFiles(IReadOnlyList<string> files);

        /// <summary>Notes whether the paths came from the command line (only those are known before the first record).</summary>
        protected void NotePaths() =>
            _commandLinePaths = MyInvocation.BoundParameters.ContainsKey(nameof(Path)) || MyInvocation.BoundParameters.ContainsKey(nameof(LiteralPath));

        /// <summary>
        /// The projects of this record, each processed once per call: a report per service pipes the same files many
        /// times, and they are read (and repaired) once.
        /// </summary>
        protected void ProcessPaths()
        {
            if (_commandLinePaths)
            {
                // Pipeline input cannot bind once a path is on the command line (PowerShell reports it); the command
                // line's paths are processed once, here or in EndProcessing when nothing reached this record.
                if (_commandLineDone)
                {
                    return;
                }

                _commandLineDone = true;
            }
            else if (Path.Length == 0 && LiteralPath.Length == 0)
            {
                if (MyInvocation.ExpectingInput)
                {
                    WriteError(new ErrorRecord(new ArgumentException(
                            "The pipeline input has no path: pipe file names, Get-ChildItem output or DockerHarden compose reports."),
                        "ComposePathMissing", ErrorCategory.InvalidArgument, null));
                    return;
                }

                ProcessDiscovered(SessionState.Path.CurrentFileSystemLocation.ProviderPath, walkUp: true);
                return;
            }

            foreach (var files in ComposeFileSets.Group(ResolveNamed()))
            {
                if (!_seen.Add(ComposeFileSets.Key(files)))
                {
                    WriteVerbose($"Skipping {string.Join(" + ", files)}: already processed in this call.");
                    continue;
                }

                if (files.Count > 1)
                {
                    WriteVerbose($"Merging {files.Count} files in order, as docker compose -f merges them: {string.Join(", ", files)}.");
                }

                ProcessFiles(files);
            }
        }

        /// <summary>Processes the command line's paths when no record reached ProcessRecord (an empty upstream pipeline).</summary>
        protected void ProcessPendingPaths()
        {
            if (_commandLinePaths && !_commandLineDone)
            {
                ProcessPaths();
            }
        }

        private void ProcessDiscovered(string directory, bool walkUp)
        {
            var files = Discover(directory, walkUp, reportMissing: true);
            if (files is not null && _seen.Add(ComposeFileSets.Key(files)))
            {
                ProcessFiles(files);
            }
        }

        /// <summary>The compose file (and override) of a directory, as docker compose finds them; null (and an error) when none.</summary>
        private IReadOnlyList<string>? Discover(string directory, bool walkUp, bool reportMissing)
        {
            WriteVerbose($"Looking for {ComposeDiscovery.Names()} in {directory}{(walkUp ? " and its parents" : "")}.");
            var found = ComposeDiscovery.Find(directory, File.Exists, walkUp);
            if (found is null)
            {
                if (reportMissing)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException(
                            $"No compose file in '{directory}'{(walkUp ? " or its parents" : "")}: looked for {ComposeDiscovery.Names()}. Name the file with -Path."),
                        "ComposeFileNotFound", ErrorCategory.ObjectNotFound, directory));
                }
                else
                {
                    WriteVerbose($"No compose file in {directory}.");
                }

                return null;
            }

            foreach (var other in found.PassedOver)
            {
                WriteWarning($"Found several compose files in {found.Directory}: using {found.File}{(found.Override is null ? "" : " and " + found.Override)}, not {other} (docker compose's order of preference).");
            }

            WriteVerbose(found.Override is null
                ? $"Found {found.File}; no override file ({string.Join(", ", ComposeDiscovery.OverrideNames)}) beside it."
                : $"Found {found.File}, with the override file {found.Override} merged on top.");
            return found.Files;
        }

        /// <summary>What each path value of this record names; unmatched names are written as errors.</summary>
        private List<NamedFiles> ResolveNamed()
        {
            var named = new List<NamedFiles>();
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (var literal in LiteralPath)
                {
                    var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal);
                    if (File.Exists(full))
                    {
                        named.Add(new NamedFiles(literal, new[] { full }, OwnProject: false));
                    }
                    else if (Directory.Exists(full))
                    {
                        named.Add(new NamedFiles(literal, Discover(full, walkUp: false, reportMissing: true) ?? Array.Empty<string>(), OwnProject: true));
                    }
                    else
                    {
                        WriteError(NotFound(literal));
                    }
                }

                return named;
            }

            foreach (var pattern in Path)
            {
                try
                {
                    var resolved = GetResolvedProviderPathFromPSPath(pattern, out var provider);
                    if (provider.Name != "FileSystem")
                    {
                        WriteError(NotFound(pattern));
                        continue;
                    }

                    if (!WildcardPattern.ContainsWildcardCharacters(pattern))
                    {
                        var one = resolved.FirstOrDefault() ?? pattern;
                        named.Add(File.Exists(one) ? new NamedFiles(pattern, new[] { one }, OwnProject: false)
                            : new NamedFiles(pattern, Discover(one, walkUp: false, reportMissing: true) ?? Array.Empty<string>(), OwnProject: true));
                        continue;
                    }

                    // Each match of a pattern is its own project: "*.yml" lists projects, not override files.
                    var matches = resolved.OrderBy(p => p, StringComparer.Ordinal).ToList();
                    int before = named.Count;
                    foreach (var match in matches)
                    {
                        if (File.Exists(match))
                        {
                            named.Add(new NamedFiles(pattern, new[] { match }, OwnProject: true));
                        }
                        else if (Discover(match, walkUp: false, reportMissing: false) is { } project)
                        {
                            named.Add(new NamedFiles(pattern, project, OwnProject: true));
                        }
                    }

                    if (named.Count == before)
                    {
                        WriteError(NotFound(pattern));
                    }
                    else
                    {
                        WriteVerbose($"'{pattern}' matches {named.Count - before} compose project(s), each audited on its own.");
                    }
                }
                catch (ItemNotFoundException)
                {
                    WriteError(NotFound(pattern));
                }
            }

            return named;
        }

        /// <summary>Reads and parses one file; on failure writes ComposeParseFailed (or ComposeFileUnreadable, FileNotRegular, FileTooLarge) and returns null.</summary>
        internal (ComposeDocument Document, bool Bom)? Read(string file)
        {
            try
            {
                WriteVerbose($"Reading {file}.");
                var (bom, text) = ComposeText.Decode(SafeFile.ReadAllBytes(file), file);
                return (Cancellable(cancel => Parse(text, file, cancel)), bom);
            }
            catch (ComposeParseException e)
            {
                WriteError(ParseError(e));
            }
            catch (FileRefusedException e)
            {
                WriteError(FileErrors.Record(e, file));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException($"Cannot read the compose file '{file}': {e.Message}", e),
                    "ComposeFileUnreadable", ErrorCategory.ReadError, file));
            }

            return null;
        }

        /// <summary>The parser from the adapter (YamlDotNet in the private load context).</summary>
        internal static ComposeDocument Parse(string text, string file, CancellationToken cancel = default) =>
            AdapterLoader.Factory.ParseCompose(text, file, cancel);

        /// <summary>ComposeParseFailed, naming the file, line and column.</summary>
        internal static ErrorRecord ParseError(ComposeParseException e) =>
            new(new InvalidDataException($"Cannot read the compose file '{e.FilePath}' at line {e.Line}, column {e.Column}: {e.Reason}", e),
                "ComposeParseFailed", ErrorCategory.InvalidData, e.FilePath);

        private static ErrorRecord NotFound(string path) =>
            new(new ItemNotFoundException($"No compose file matches '{path}'."), "ComposeFileNotFound", ErrorCategory.ObjectNotFound, path);
    }
}
