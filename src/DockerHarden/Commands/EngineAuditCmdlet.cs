using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Facts;
using DockerHarden.Models;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Base of the cmdlets that audit engines: several -DockerHost endpoints, the policy and the -FailOn gate with
    /// -EnableExit and -Failed (rule selection from <see cref="RuleCmdlet"/>), declared once so that every audit
    /// reads the same way.
    /// </summary>
    public abstract class EngineAuditCmdlet : RuleCmdlet
    {
        /// <summary>The parameter set that writes reports (or failing findings) and may gate the run.</summary>
        protected const string ReportSet = "Report";

        /// <summary>A Fail at or above this severity makes a report non-compliant; given explicitly, it also gates the run.</summary>
        [Parameter]
        public Severity FailOn { get; set; } = Severity.High;

        /// <summary>
        /// Engine endpoints to audit, for example unix:///var/run/docker.sock or tcp://host:2376; several are audited
        /// concurrently. Without it: DOCKER_HOST, then the current docker context, then the platform default.
        /// </summary>
        [Parameter]
        [Alias("HostAddress")]
        [ValidateNotNullOrEmpty]
        public string[]? DockerHost { get; set; }

        /// <summary>A policy file (YAML) with waivers; without it, the file named by DOCKERHARDEN_POLICY, if any.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Policy { get; set; }

        /// <summary>
        /// When the gate is crossed, end the process with exit code 1 once the script finishes (for CI; it closes an
        /// interactive shell), writing the gate as a warning instead of an error. Arms the gate at -FailOn.
        /// </summary>
        [Parameter(ParameterSetName = ReportSet)]
        public SwitchParameter EnableExit { get; set; }

        /// <summary>Output the failing findings (each naming its Target) instead of the reports.</summary>
        [Parameter(ParameterSetName = ReportSet)]
        public SwitchParameter Failed { get; set; }

        /// <summary>The endpoints to audit; one null entry means "resolve the default".</summary>
        internal string?[] Hosts => DockerHost is { Length: > 0 } ? DockerHost.Cast<string?>().ToArray() : new string?[] { null };

        /// <summary>
        /// The names that matched nothing on any engine that answered (<paramref name="audited"/>; none answered: nothing is
        /// said, the engine errors are): one non-terminating NOUNNotFound error each, and a failed armed gate. Returns how many.
        /// </summary>
        internal int ReportUnmatched(IEnumerable<string> names, ISet<string> unmatched, IReadOnlyList<string> audited, string noun, AuditGate gate)
        {
            if (audited.Count == 0)
            {
                return 0;
            }

            var missing = names.Where(unmatched.Contains).Distinct().ToList();
            foreach (var name in missing)
            {
                gate.NotAudited(name);
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No {noun.ToLowerInvariant()} named or with id '{name}' exists on {string.Join(", ", audited)}."),
                    noun + "NotFound", ErrorCategory.ObjectNotFound, name));
            }

            return missing.Count;
        }

        /// <summary>One engine failed: with one endpoint the whole call stops; with several, the others go on.</summary>
        internal void ReportEngineFailure(EngineException error, AuditGate gate)
        {
            gate.NotAudited(error.Endpoint);
            if (Hosts.Length == 1)
            {
                // The call ends here, before the gate: with -EnableExit the job must still fail.
                gate.ExitOnWholeCallFailure();
                ThrowTerminatingError(EngineErrors.Record(error));
            }

            WriteError(EngineErrors.Record(error));
        }
    }
}
