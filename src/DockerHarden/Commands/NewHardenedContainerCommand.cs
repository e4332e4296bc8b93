using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Services;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Creates a container that passes every container rule the host can enforce, from an image or as a hardened
    /// twin of an audited container, and with -Replace swaps the twin in under the original's name. The work is
    /// <see cref="HardenedContainerService"/>'s; this class binds the parameters (see the .Parameters.cs part).
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HardenedContainer", SupportsShouldProcess = true, DefaultParameterSetName = FromImageSet, HelpUri = HelpLinks.Base + "New-HardenedContainer.md")]
    [OutputType(typeof(HardenedContainer))]
    public sealed partial class NewHardenedContainerCommand : DockerCmdlet
    {
        private IDockerGateway? _gateway;
        private HardenedContainerService? _service;
        private string? _seccompPath;
        private string? _seccompJson;
        private Policy.PolicyDefaults _defaults = new();
        // -Replace over the pipeline: the containers are collected and replaced in EndProcessing, once it is known
        // that there is only one (or -Force allows more), so a wide upstream never replaces a fleet by accident.
        private readonly List<string> _pendingReplace = new();
        private bool _namedOnCommandLine;

        /// <summary>Opens the engine once and reads the seccomp profile and policy once for the whole pipeline.</summary>
        protected override void BeginProcessing()
        {
            _defaults = PolicyLoader.Load(this, Policy).Defaults;
            if (SeccompProfile is not null)
            {
                _seccompPath = GetUnresolvedProviderPathFromPSPath(SeccompProfile);
                var (json, error) = HardenedContainerService.ReadSeccompProfile(_seccompPath);
                if (error is not null)
                {
                    ThrowTerminatingError(error);
                }

                _seccompJson = json;
            }

            // Bound before the pipeline runs means typed on the command line: the user named the container.
            _namedOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(ContainerId));
            _gateway = OpenGateway();
            _service = Guarded(() => HardenedContainerService.Connect(_gateway, this, Cancellation));
        }

        /// <summary>One container per call (per pipeline object for twins); piped -Replace waits for EndProcessing.</summary>
        protected override void ProcessRecord()
        {
            if (Replace && !_namedOnCommandLine)
            {
                if (!_pendingReplace.Contains(ContainerId, StringComparer.Ordinal))
                {
                    _pendingReplace.Add(ContainerId);
                }

                WriteVerbose($"-Replace: '{ContainerId}' came from the pipeline; it is replaced once the pipeline ends, if it is the only one.");
                return;
            }

            Deploy(ContainerId);
        }

        /// <summary>Replaces the one piped container (or all of them with -Force), then closes the engine connection.</summary>
        protected override void EndProcessing()
        {
            try
            {
                if (_pendingReplace.Count > 1 && !Force)
                {
                    ThrowTerminatingError(new ErrorRecord(new InvalidOperationException(
                        $"-Replace received {_pendingReplace.Count} containers from the pipeline ({Shorten(_pendingReplace)}) and replaces at most one " +
                        "per call unless it is named: nothing was replaced. Name each container (-ContainerId NAME -Replace), " +
                        "or add -Force to replace every piped container (-Force also keeps their sensitive capabilities and mounts)."),
                        "ReplaceManyRefused", ErrorCategory.InvalidOperation, _pendingReplace.ToArray()));
                }

                foreach (var containerId in _pendingReplace)
                {
                    Deploy(containerId);
                }
            }
            finally
            {
                _gateway?.Dispose();
            }
        }

        private void Deploy(string containerId)
        {
            var input = new HardenedContainerInput
            {
                ContainerId = ParameterSetName == FromImageSet ? null : containerId,
                Image = Image,
                Name = Name,
                Start = Start,
                Replace = Replace,
                RemoveOriginal = RemoveOriginal,
                Watch = TimeSpan.FromSeconds(VerifySeconds),
                Request = Request(),
            };
            if (Guarded(() => _service!.Deploy(input)) is { } container)
            {
                WriteObject(container);
            }
        }

        private static string Shorten(IReadOnlyList<string> names) =>
            names.Count <= 5 ? string.Join(", ", names) : string.Join(", ", names.Take(5)) + $", and {names.Count - 5} more";
    }
}
