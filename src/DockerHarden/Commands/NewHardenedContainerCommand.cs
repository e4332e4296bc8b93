using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using DockerHarden.Completion;
using DockerHarden.Facts;
using DockerHarden.Hardening;
using DockerHarden.Models;
using DockerHarden.Secrets;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Creates a container that passes every container rule the host can enforce, from an image or as a hardened
    /// twin of an audited container, and with -Replace swaps the twin in under the original's name.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "HardenedContainer", SupportsShouldProcess = true, DefaultParameterSetName = FromImageSet, HelpUri = HelpLinks.Base + "New-HardenedContainer.md")]
    [OutputType(typeof(HardenedContainer))]
    public sealed class NewHardenedContainerCommand : DockerCmdlet
    {
        private const string FromImageSet = "FromImage";
        private const string FromContainerSet = "FromContainer";

        private IDockerGateway? _gateway;
        private EngineFacts _engine = new();
        private string? _seccompPath;
        private string? _seccompJson;
        private Policy.PolicyDefaults _defaults = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _steps = new();
        // -Replace over the pipeline: the containers are collected and replaced in EndProcessing, once it is known
        // that there is only one (or -Force allows more), so a wide upstream never replaces a fleet by accident.
        private readonly List<string> _pendingReplace = new();
        private bool _namedOnCommandLine;

        /// <summary>The local image to run, for example nginx:1.27. Nothing is pulled.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromImageSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageCompleter))]
        public string Image { get; set; } = "";

        /// <summary>The audited container to build a hardened twin of (name or id); binds ContainerId from Get-ContainerHardening.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FromContainerSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string ContainerId { get; set; } = "";

        /// <summary>Name of the new container. Default: IMAGE-xxxxxx, or ORIGINAL-hardened for a twin (-Replace keeps the original's name).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The command and its arguments, replacing the image's CMD.</summary>
        [Parameter]
        public string[]? Command { get; set; }

        /// <summary>Environment variables as a hashtable; values are never shown in output.</summary>
        [Parameter]
        public Hashtable? Environment { get; set; }

        /// <summary>Published ports: "8080:80", "80", "8080:80/udp" or "IP:8080:80"; bound to BindAddress unless an IP is given.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Port { get; set; }

        /// <summary>Host address that published ports bind to when -Port names none.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string BindAddress { get; set; } = HardenedDefaults.BindAddress;

        /// <summary>Volumes: "NAME:/path", "/host/path:/path" or "/path", each optionally ":ro".</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Volume { get; set; }

        /// <summary>More tmpfs mounts: "/run" or "/run:size=16m"; /tmp is always mounted as tmpfs.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Tmpfs { get; set; }

        /// <summary>The user to run as. Default: the image's USER when it is not root, else 10001:10001.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? User { get; set; }

        /// <summary>Capabilities to add back after dropping all; sensitive ones need -Force.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(CapabilityCompleter))]
        public string[]? AddCapability { get; set; }

        /// <summary>Memory limit, for example 512m or 1g. Default 256m.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Memory { get; set; }

        /// <summary>Memory plus swap limit. Default: equal to Memory (no swap).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? MemorySwap { get; set; }

        /// <summary>CPU limit in CPUs, for example 0.5. Default 1.</summary>
        [Parameter]
        [ValidateRange(0.01, 1024.0)]
        public double? Cpus { get; set; }

        /// <summary>Maximum number of processes. Default 100.</summary>
        [Parameter]
        [ValidateRange(1L, long.MaxValue)]
        public long? PidsLimit { get; set; }

        /// <summary>Host devices: "/dev/x", "/dev/x:/dev/y" or "/dev/x:/dev/y:rw"; permissions default to r.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Device { get; set; }

        /// <summary>An existing network to join instead of creating a dedicated one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Network { get; set; }

        /// <summary>Log driver, for example syslog. Default: the engine's default.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? LogDriver { get; set; }

        /// <summary>Log driver options as a hashtable, for example @{ 'syslog-address' = 'udp://loghost:514' }.</summary>
        [Parameter]
        public Hashtable? LogOption { get; set; }

        /// <summary>A seccomp profile file (JSON); its content is sent to the engine. Default: the engine's profile.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? SeccompProfile { get; set; }

        /// <summary>Size quota of the writable layer, for example 10g; skipped with a warning where the storage driver cannot enforce it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? StorageSize { get; set; }

        /// <summary>Labels as a hashtable; also put on the dedicated network.</summary>
        [Parameter]
        public Hashtable? Label { get; set; }

        /// <summary>A shell command for the healthcheck, run every 30 s. Default: the image's (or the original's) healthcheck.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? HealthCommand { get; set; }

        /// <summary>Start the container after creating it.</summary>
        [Parameter]
        public SwitchParameter Start { get; set; }

        /// <summary>Grant sensitive capabilities and mount sensitive host paths that are otherwise refused; with -Replace, replace more than one piped container.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Twin: swap it in under the original's name; the original is stopped and renamed, and restored if the twin fails.</summary>
        [Parameter(ParameterSetName = FromContainerSet)]
        public SwitchParameter Replace { get; set; }

        /// <summary>With -Replace: how long the twin must stay up, not OOM-killed and not unhealthy, before the swap counts (default 5); else the original is put back.</summary>
        [Parameter(ParameterSetName = FromContainerSet)]
        [ValidateRange(1, 600)]
        public int VerifySeconds { get; set; } = 5;

        /// <summary>With -Replace: remove the original once the twin runs (its named volumes are kept).</summary>
        [Parameter(ParameterSetName = FromContainerSet)]
        public SwitchParameter RemoveOriginal { get; set; }

        /// <summary>Twin: sensitive mounts to keep, by host path or container path.</summary>
        [Parameter(ParameterSetName = FromContainerSet)]
        [ValidateNotNullOrEmpty]
        public string[]? KeepMount { get; set; }

        /// <summary>A policy file whose defaults (memory, cpus, pidsLimit, user) apply where no parameter is given; without it, DOCKERHARDEN_POLICY.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Policy { get; set; }

        /// <summary>Opens the engine once and reads the seccomp profile and policy once for the whole pipeline.</summary>
        protected override void BeginProcessing()
        {
            _defaults = PolicyLoader.Load(this, Policy).Defaults;
            if (RemoveOriginal && !Replace)
            {
                ThrowTerminatingError(new ErrorRecord(new ArgumentException("-RemoveOriginal only applies with -Replace."),
                    "RemoveOriginalWithoutReplace", ErrorCategory.InvalidArgument, null));
            }

            if (SeccompProfile is not null)
            {
                _seccompPath = GetUnresolvedProviderPathFromPSPath(SeccompProfile);
                try
                {
                    _seccompJson = Files.SafeFile.ReadAllText(_seccompPath);
                }
                catch (Files.FileRefusedException e)
                {
                    ThrowTerminatingError(FileErrors.Record(e, _seccompPath));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"The seccomp profile {_seccompPath} cannot be read: {e.Message}", _seccompPath, e),
                        "SeccompProfileNotFound", ErrorCategory.ObjectNotFound, _seccompPath));
                }
            }

            // Bound before the pipeline runs means typed on the command line: the user named the container.
            _namedOnCommandLine = MyInvocation.BoundParameters.ContainsKey(nameof(ContainerId));
            _gateway = OpenGateway();
            WriteVerbose($"Asking the engine at {_gateway.Endpoint} for its security options, storage driver and log driver.");
            _engine = Await(_gateway.GetEngineFactsAsync(Cancellation));
            WriteVerbose($"Engine {_engine.Endpoint}: security options [{string.Join(", ", _engine.SecurityOptions)}], storage {_engine.StorageDriver}" +
                $"{(_engine.BackingFilesystem.Length > 0 ? " on " + _engine.BackingFilesystem : "")}, default log driver {_engine.DefaultLogDriver}.");
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

            ProcessOne(ContainerId);
        }

        private void ProcessOne(string containerId)
        {
            var gateway = _gateway!;
            TwinSource? twin = null;
            string imageReference = Image;
            if (ParameterSetName == FromContainerSet)
            {
                WriteVerbose($"Inspecting container '{containerId}' on {gateway.Endpoint}.");
                var facts = Await(gateway.InspectContainerAsync(containerId, Cancellation));
                var config = facts is null ? null : Await(gateway.GetCreateConfigAsync(facts.Id, Cancellation));
                if (facts is null || config is null)
                {
                    WriteError(new ErrorRecord(new ItemNotFoundException($"No container named or with id '{containerId}' exists on {gateway.Endpoint}."),
                        "ContainerNotFound", ErrorCategory.ObjectNotFound, containerId));
                    return;
                }

                twin = new TwinSource(facts, config);
                imageReference = config.Image;
            }

            WriteVerbose($"Inspecting image '{imageReference}' (its USER and HEALTHCHECK decide the defaults; nothing is pulled).");
            var image = Await(gateway.InspectImageAsync(imageReference, Cancellation));
            if (image is null)
            {
                WriteError(new ErrorRecord(new ItemNotFoundException(
                    $"The image '{imageReference}' is not on the engine at {gateway.Endpoint}, and New-HardenedContainer does not pull: " +
                    "pull, build or load it first (docker pull / docker build / docker load)."),
                    "ImageNotFound", ErrorCategory.ObjectNotFound, imageReference));
                return;
            }

            var name = ContainerName(twin, imageReference);
            if (name is null)
            {
                return;
            }

            var plan = HardenedSpecPlanner.Plan(Request(name, imageReference), image, _engine, twin);
            foreach (var error in plan.Errors)
            {
                var category = error.Kind == PlanErrorKind.Refused ? ErrorCategory.SecurityError : ErrorCategory.InvalidArgument;
                WriteError(new ErrorRecord(new ArgumentException(SecretMask.Text(error.Message)), error.ErrorId, category,
                    error.Target is string text ? SecretMask.Text(text) : error.Target));
            }

            if (plan.Errors.Count > 0)
            {
                return;
            }

            var deployer = new HardenedContainerDeployer(gateway, s => _steps.Enqueue(s), TimeSpan.FromSeconds(VerifySeconds));
            plan = Await(deployer.ResolveNetworkNameAsync(plan, Cancellation));
            WriteDecisions(name, plan);
            // One line per warning and container, each naming the container, so a piped fleet's warnings can be told apart.
            foreach (var warning in plan.Warnings.Distinct(StringComparer.Ordinal))
            {
                WriteWarning($"{name}: {warning}");
            }

            var action = Replace ? "Replace with a hardened twin (stop and rename the original)"
                : twin is null ? "Create hardened container" : "Create hardened twin";
            var target = $"container '{name}' from image '{plan.Spec.Image}'{(plan.Network is null ? "" : $" on new network '{plan.Network.Name}'")}";
            if (!ShouldProcess(target, action))
            {
                return;
            }

            var started = Start.IsPresent || Replace.IsPresent;
            var result = RunWithProgress(Replace
                ? deployer.ReplaceAsync(plan, twin!.Facts, RemoveOriginal.IsPresent, Cancellation)
                : deployer.CreateAsync(plan, started, Cancellation), name);
            foreach (var note in result.Notes.Distinct(StringComparer.Ordinal))
            {
                WriteWarning($"{name}: {note}");
            }

            if (result.Error is { } failure)
            {
                WriteError(new ErrorRecord(new InvalidOperationException(failure.Message), failure.ErrorId, Category(failure.Kind), failure.Target));
                return;
            }

            WriteObject(new HardenedContainer
            {
                ContainerId = result.ContainerId,
                Name = name,
                Image = plan.Spec.Image,
                Networks = new[] { plan.Spec.Network },
                Started = result.Started,
                OriginalName = result.OriginalName,
                Settings = SettingsSummary.From(plan.Spec, plan.Network, image, _engine),
                Changes = plan.Changes.ToArray(),
                Dropped = plan.Dropped.ToArray(),
                Warnings = plan.Warnings.Concat(result.Notes).ToArray(),
                DockerRunCommand = DockerRunCommand.Render(plan.Spec, result.Started, _seccompPath),
                DockerNetworkCommand = plan.Network is null ? null : DockerRunCommand.RenderNetwork(plan.Network),
                DockerHost = gateway.Endpoint,
            });
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
                    ProcessOne(containerId);
                }
            }
            finally
            {
                _gateway?.Dispose();
            }
        }

        private static string Shorten(IReadOnlyList<string> names) =>
            names.Count <= 5 ? string.Join(", ", names) : string.Join(", ", names.Take(5)) + $", and {names.Count - 5} more";

        /// <summary>-Verbose: what the plan decided for this container, before anything is asked of the engine.</summary>
        private void WriteDecisions(string name, HardenedPlan plan)
        {
            var spec = plan.Spec;
            WriteVerbose($"{name}: user {spec.User}, cap-drop ALL, cap-add [{string.Join(", ", spec.CapAdd)}], read-only root {spec.ReadonlyRootfs}, " +
                $"network {(plan.Network is null ? spec.Network : plan.Network.Name + " (new)")}, ports [{string.Join(", ", spec.PortBindings.Select(p => $"{p.HostIp}:{p.HostPort}->{p.ContainerPort}"))}].");
            foreach (var change in plan.Changes)
            {
                WriteVerbose($"{name}: changed {change}");
            }

            foreach (var dropped in plan.Dropped)
            {
                WriteVerbose($"{name}: not carried over: {dropped}");
            }
        }

        /// <summary>The new container's name, or null (with an error written) when it is taken.</summary>
        private string? ContainerName(TwinSource? twin, string imageReference)
        {
            if (Replace)
            {
                if (Name is not null && Name != twin!.Facts.Name)
                {
                    WriteError(new ErrorRecord(new ArgumentException($"-Replace keeps the original's name '{twin.Facts.Name}'; leave out -Name."),
                        "NameWithReplace", ErrorCategory.InvalidArgument, Name));
                    return null;
                }

                return twin!.Facts.Name;
            }

            var name = Name ?? (twin is not null ? twin.Facts.Name + "-hardened" : DefaultName(imageReference));
            WriteVerbose($"Listing containers on {_gateway!.Endpoint} to check that the name '{name}' is free.");
            var containers = Await(_gateway!.ListContainersAsync(Cancellation));
            if (containers.Any(c => c.Names.Contains(name, StringComparer.Ordinal)))
            {
                // Advice that works in this parameter set: -Replace takes a container (-ContainerId), never an -Image.
                var advice = twin is null
                    ? $"choose another -Name, remove that container first, or harden it in place with New-HardenedContainer -ContainerId {name} -Replace (a twin of it, from its own image)"
                    : twin.Facts.Name == name
                        ? "choose another -Name, or add -Replace to swap the twin in under that name"
                        : $"choose another -Name, or add -Replace to swap the twin in under the original's name '{twin.Facts.Name}'";
                WriteError(new ErrorRecord(new InvalidOperationException(
                    $"A container named '{name}' already exists on {_gateway.Endpoint}: {advice}."),
                    "ContainerNameInUse", ErrorCategory.ResourceExists, name));
                return null;
            }

            return name;
        }

        /// <summary>"nginx:1.27" becomes "nginx-1a2b3c": readable, and unlikely to be taken.</summary>
        private static string DefaultName(string image)
        {
            var withoutDigest = image.Split('@')[0];
            var last = withoutDigest.Substring(withoutDigest.LastIndexOf('/') + 1);
            var repo = last.Split(':')[0];
            return $"{repo}-{Guid.NewGuid():N}".Substring(0, repo.Length + 7);
        }

        private HardeningRequest Request(string name, string image) => new()
        {
            Image = image,
            Name = name,
            Command = Command,
            Environment = Dictionary(Environment),
            Ports = Port ?? Array.Empty<string>(),
            BindAddress = BindAddress,
            Volumes = Volume ?? Array.Empty<string>(),
            Tmpfs = Tmpfs ?? Array.Empty<string>(),
            User = User ?? _defaults.User,
            AddCapabilities = AddCapability ?? Array.Empty<string>(),
            Memory = Memory ?? _defaults.Memory,
            MemorySwap = MemorySwap,
            Cpus = Cpus ?? _defaults.Cpus,
            PidsLimit = PidsLimit ?? _defaults.PidsLimit,
            Devices = Device ?? Array.Empty<string>(),
            Network = Network,
            LogDriver = LogDriver,
            LogOptions = Dictionary(LogOption),
            SeccompProfilePath = _seccompPath,
            SeccompProfileJson = _seccompJson,
            StorageSize = StorageSize,
            Labels = Dictionary(Label),
            HealthCommand = HealthCommand,
            Force = Force.IsPresent,
            KeepMounts = KeepMount ?? Array.Empty<string>(),
        };

        private static IReadOnlyDictionary<string, string> Dictionary(Hashtable? table) =>
            table is null
                ? new Dictionary<string, string>()
                : table.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString() ?? "", e => e.Value?.ToString() ?? "", StringComparer.Ordinal);

        /// <summary>Waits for the deployment on the pipeline thread, so progress can be written while it runs.</summary>
        private DeployResult RunWithProgress(Task<DeployResult> task, string name)
        {
            var progress = new ProgressRecord(2, $"New-HardenedContainer {name}", "Starting");
            try
            {
                while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(200)))
                {
                    if (DrainSteps(name) is { } last)
                    {
                        progress.StatusDescription = last;
                        WriteProgress(progress);
                    }
                }

                DrainSteps(name);
                return Await(task);
            }
            catch (PipelineStoppedException)
            {
                // Ctrl+C (or Stop) cancels the deployer, which then undoes the swap with calls that ignore the
                // cancellation. Returning before that ends would let the host exit with the original parked under
                // another name, stopped: wait until the containers are consistent again, then stop.
                WaitQuietly(task);
                throw;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                if (!task.IsCompleted)
                {
                    WaitQuietly(task);
                }

                try
                {
                    WriteProgress(progress);
                }
                catch (PipelineStoppedException)
                {
                    // Stopping: the completed record has nowhere to go.
                }
            }
        }

        // The deployer's outcome after a stop is only its side effects: its result or exception is not reported.
        private static void WaitQuietly(Task task)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
            }
        }

        /// <summary>Writes each step the deployer asked of the engine as a verbose line; returns the last one, or null.</summary>
        private string? DrainSteps(string name)
        {
            string? last = null;
            while (_steps.TryDequeue(out var step))
            {
                WriteVerbose($"{name}: {step}");
                last = step;
            }

            return last;
        }

        private static ErrorCategory Category(DeployErrorKind kind) => kind switch
        {
            DeployErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            DeployErrorKind.ResourceExists => ErrorCategory.ResourceExists,
            DeployErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.InvalidOperation,
        };
    }
}
