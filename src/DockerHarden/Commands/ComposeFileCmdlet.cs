using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Compose;
using DockerHarden.Completion;
using DockerHarden.Loading;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Base of the cmdlets that read compose files (no engine): -Path with wildcards or -LiteralPath (which binds
    /// FullName/PSPath from Get-ChildItem), rule selection, and the one place where unreadable files become errors.
    /// </summary>
    public abstract class ComposeFileCmdlet : PSCmdlet
    {
        /// <summary>Parameter set of -Path.</summary>
        protected const string PathSet = "Path";
        /// <summary>Parameter set of -LiteralPath.</summary>
        protected const string LiteralPathSet = "LiteralPath";

        /// <summary>Compose files; wildcards allowed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; } = Array.Empty<string>();

        /// <summary>Compose files, taken literally (no wildcards).</summary>
        [Parameter(Mandatory = true, ParameterSetName = LiteralPathSet, ValueFromPipelineByPropertyName = true)]
        [Alias("PSPath", "FullName", "LP")]
        [ValidateNotNullOrEmpty]
        public string[] LiteralPath { get; set; } = Array.Empty<string>();

        /// <summary>Only these rules (ids or names, wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? Rule { get; set; }

        /// <summary>Skip these rules (ids or names, wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? ExcludeRule { get; set; }

        /// <summary>The files this record names, resolved to file system paths; unmatched names are written as errors.</summary>
        internal List<string> ResolveFiles()
        {
            var files = new List<string>();
            if (ParameterSetName == LiteralPathSet)
            {
                foreach (var literal in LiteralPath)
                {
                    var full = SessionState.Path.GetUnresolvedProviderPathFromPSPath(literal);
                    if (File.Exists(full))
                    {
                        files.Add(full);
                    }
                    else
                    {
                        WriteError(NotFound(literal));
                    }
                }

                return files;
            }

            foreach (var pattern in Path)
            {
                try
                {
                    var resolved = GetResolvedProviderPathFromPSPath(pattern, out var provider);
                    var matches = resolved.Where(File.Exists).OrderBy(p => p, StringComparer.Ordinal).ToList();
                    if (provider.Name != "FileSystem" || matches.Count == 0)
                    {
                        WriteError(NotFound(pattern));
                    }

                    files.AddRange(matches);
                }
                catch (ItemNotFoundException)
                {
                    WriteError(NotFound(pattern));
                }
            }

            return files;
        }

        /// <summary>Reads and parses one file; on failure writes ComposeParseFailed (or ComposeFileUnreadable) and returns null.</summary>
        internal (ComposeDocument Document, bool Bom)? Read(string file)
        {
            try
            {
                var (bom, text) = ComposeText.Decode(File.ReadAllBytes(file), file);
                return (Parse(text, file), bom);
            }
            catch (ComposeParseException e)
            {
                WriteError(ParseError(e));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(new IOException($"Cannot read the compose file '{file}': {e.Message}", e),
                    "ComposeFileUnreadable", ErrorCategory.ReadError, file));
            }

            return null;
        }

        /// <summary>The parser from the adapter (YamlDotNet in the private load context).</summary>
        internal static ComposeDocument Parse(string text, string file) => AdapterLoader.Factory.ParseCompose(text, file);

        /// <summary>ComposeParseFailed, naming the file, line and column.</summary>
        internal static ErrorRecord ParseError(ComposeParseException e) =>
            new(new InvalidDataException($"Cannot read the compose file '{e.FilePath}' at line {e.Line}, column {e.Column}: {e.Reason}", e),
                "ComposeParseFailed", ErrorCategory.InvalidData, e.FilePath);

        private static ErrorRecord NotFound(string path) =>
            new(new ItemNotFoundException($"No compose file matches '{path}'."), "ComposeFileNotFound", ErrorCategory.ObjectNotFound, path);
    }
}
