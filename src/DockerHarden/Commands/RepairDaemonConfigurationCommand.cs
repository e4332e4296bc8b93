using System.Collections;
using System.Management.Automation;
using DockerHarden.Facts;
using DockerHarden.Loading;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Services;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Writes the daemon.json changes that fix DH004, DH005, DH006, DH009, DH011, DH012, DH014, DH015, DH016, DH017
    /// and DH020, keeping every other key and its order, with a backup and an atomic write.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Repair, "DaemonConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, HelpUri = HelpLinks.Base + "Repair-DaemonConfiguration.md")]
    [OutputType(typeof(DaemonRepairResult))]
    public sealed class RepairDaemonConfigurationCommand : RuleCmdlet
    {
        /// <summary>
        /// The engine whose dockerd reads the file; binds from a DaemonHardeningReport's DockerHost. Its own declaration:
        /// unlike the other cmdlets' -DockerHost it binds per pipeline object, and an empty value means "unknown".
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("HostAddress")]
        public string? DockerHost { get; set; }

        /// <summary>The daemon.json to repair; without it, the file the engine's dockerd reads.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ConfigPath", "FullName")]
        public string? Path { get; set; }

        /// <summary>The default log driver to write for DH011, for example syslog, gelf or fluentd; needs -LogOption.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogDriver { get; set; }

        /// <summary>The log-opts to write with -LogDriver, for example @{ 'syslog-address' = 'tcp+tls://loghost:6514' }.</summary>
        [Parameter]
        public Hashtable? LogOption { get; set; }

        /// <summary>Do not keep the copy of daemon.json (FILE.yyyyMMdd-HHmmss.bak, UTC) that is made by default before it is changed.</summary>
        [Parameter]
        public SwitchParameter NoBackup { get; set; }

        /// <summary>Restart dockerd after writing (through systemd only); without it the engine is never restarted.</summary>
        [Parameter]
        public SwitchParameter Restart { get; set; }

        /// <summary>Repairs one daemon.json per input.</summary>
        protected override void ProcessRecord()
        {
            if (MyInvocation.ExpectingInput && string.IsNullOrEmpty(DockerHost) && string.IsNullOrEmpty(Path))
            {
                // A piped object that names neither engine nor file must not fall back to the default engine's file.
                WriteError(new ErrorRecord(new System.ArgumentException(
                        "A pipeline input carries neither a DockerHost nor a Path (or ConfigPath/FullName) value: it is skipped, not taken as the default engine's daemon.json."),
                    "PipelineInputWithoutName", ErrorCategory.InvalidArgument, null));
                return;
            }

            var result = DaemonRepairService.Repair(new DaemonRepairInput
            {
                Endpoint = ResolveEndpoint(),
                Path = string.IsNullOrEmpty(Path) ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path),
                SelectRules = () => RuleSelection.Select(this, RuleCatalog.DaemonRules, r => r.Info, Rule, ExcludeRule, "daemon"),
                LogDriver = LogDriver,
                LogOptions = Hashtables.ToStrings(LogOption),
                Backup = !NoBackup,
                Restart = Restart,
            }, this);
            if (result is not null)
            {
                WriteObject(result);
            }
        }

        /// <summary>The endpoint as the other cmdlets resolve it; null when only -Path was given and nothing else is known.</summary>
        private string? ResolveEndpoint() => Guarded(() =>
        {
            try
            {
                // Creating the client resolves DOCKER_HOST and docker contexts; it does not connect.
                using var gateway = Engines.Open(DockerHost);
                return gateway.Endpoint;
            }
            catch (EngineException) when (!string.IsNullOrEmpty(Path) && DockerHost is null)
            {
                return null; // a file repair does not need the engine
            }
        });
    }
}
