using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace DockerHarden.Commands
{
    /// <summary>
    /// The names an audit of engine objects collects (containers, services): a -Name given on the command line wins over
    /// the pipeline, an empty pipeline asks for nothing, and a piped value without a usable name is an error for that
    /// input, never "everything". The audit itself runs once, at the end, over all of them.
    /// </summary>
    internal sealed class PipelineNames
    {
        private readonly PSCmdlet _cmdlet;
        private readonly string _withoutName;
        private readonly Func<string, IEnumerable<string>> _split;
        private readonly List<string> _names = new();

        /// <param name="cmdlet">The cmdlet whose Name parameter is collected.</param>
        /// <param name="withoutName">The PipelineInputWithoutName message.</param>
        /// <param name="split">How one value yields names ("a,b" from docker ps); by default the trimmed value.</param>
        public PipelineNames(PSCmdlet cmdlet, string withoutName, Func<string, IEnumerable<string>>? split = null)
        {
            _cmdlet = cmdlet;
            _withoutName = withoutName;
            _split = split ?? (n => new[] { n });
        }

        public IReadOnlyList<string> Names => _names;

        /// <summary>-Name was given on the command line.</summary>
        public bool Explicit { get; private set; }

        /// <summary>Input was piped but no name came with it: nothing is audited (as @() | Get-Process).</summary>
        public bool NothingPiped => _cmdlet.MyInvocation.ExpectingInput && !Explicit && _names.Count == 0;

        /// <summary>BeginProcessing: takes the command line's -Name.</summary>
        public void Begin(string[]? names)
        {
            Explicit = _cmdlet.MyInvocation.BoundParameters.ContainsKey("Name");
            if (Explicit)
            {
                Add(names);
            }
        }

        /// <summary>ProcessRecord: takes the names of one piped value, or writes PipelineInputWithoutName.</summary>
        public void Process(string[]? names)
        {
            if (Explicit || !_cmdlet.MyInvocation.ExpectingInput)
            {
                return;
            }

            if (Add(names) == 0)
            {
                _cmdlet.WriteError(new ErrorRecord(new ArgumentException(_withoutName), "PipelineInputWithoutName", ErrorCategory.InvalidArgument, names));
            }
        }

        private int Add(string[]? names)
        {
            var usable = (names ?? Array.Empty<string>()).Where(n => n is not null)
                .SelectMany(_split).Select(n => n.Trim()).Where(n => n.Length > 0).ToList();
            _names.AddRange(usable);
            return usable.Count;
        }
    }
}
