using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using DockerHarden.Completion;
using DockerHarden.Views.Create;

namespace DockerHarden.Commands
{
    /// <summary>New-HardenedContainer's parameters, in three sets: from an image, a twin of a container, and -Replace.</summary>
    public sealed partial class NewHardenedContainerCommand
    {
        private const string FromImageSet = "FromImage";
        private const string FromContainerSet = "FromContainer";
        private const string ReplaceSet = "Replace";

        /// <summary>The local image to run, for example nginx:1.27. Nothing is pulled.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = FromImageSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ImageCompleter))]
        public string Image { get; set; } = "";

        /// <summary>The audited container to build a hardened twin of (name or id); binds ContainerId from Get-ContainerHardening.</summary>
        [Parameter(Mandatory = true, ParameterSetName = FromContainerSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(Mandatory = true, ParameterSetName = ReplaceSet, ValueFromPipelineByPropertyName = true)]
        [Alias("Id")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(ContainerNameCompleter))]
        public string ContainerId { get; set; } = "";

        /// <summary>Name of the new container. Default: IMAGE-xxxxxx, or ORIGINAL-hardened for a twin (-Replace keeps the original's name).</summary>
        [Parameter(ParameterSetName = FromImageSet)]
        [Parameter(ParameterSetName = FromContainerSet)]
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
        public string BindAddress { get; set; } = Rules.Fixes.FixDefaults.BuiltIn.BindAddress;

        /// <summary>Volumes: "NAME:/path", "/host/path:/path" or "/path", each optionally ":ro".</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Volume { get; set; }

        /// <summary>More tmpfs mounts: "/srv/cache" or "/run:size=16m"; the volatile paths (/tmp, /var/tmp, /run, /var/run, /var/cache) always are.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Tmpfs { get; set; }

        /// <summary>The user to run as. Default: the image's USER when it is not root, else 10001:10001 (root kept for a root image with an ENTRYPOINT).</summary>
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
        [Parameter(Mandatory = true, ParameterSetName = ReplaceSet)]
        public SwitchParameter Replace { get; set; }

        /// <summary>With -Replace: how long the twin must stay up, not OOM-killed and not unhealthy, before the swap counts (default 5); else the original is put back.</summary>
        [Parameter(ParameterSetName = ReplaceSet)]
        [ValidateRange(1, 600)]
        public int VerifySeconds { get; set; } = 5;

        /// <summary>With -Replace: remove the original once the twin runs (its named volumes are kept).</summary>
        [Parameter(ParameterSetName = ReplaceSet)]
        public SwitchParameter RemoveOriginal { get; set; }

        /// <summary>Twin: sensitive mounts to keep, by host path or container path.</summary>
        [Parameter(ParameterSetName = FromContainerSet)]
        [Parameter(ParameterSetName = ReplaceSet)]
        [ValidateNotNullOrEmpty]
        public string[]? KeepMount { get; set; }

        /// <summary>A policy file whose defaults (memory, cpus, pidsLimit, user) apply where no parameter is given; without it, DOCKERHARDEN_POLICY.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Policy { get; set; }

        /// <summary>The request these parameters make, with the policy's defaults where no parameter is given.</summary>
        private HardeningRequest Request() => new()
        {
            Command = Command,
            Environment = Hashtables.ToStrings(Environment),
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
            LogOptions = Hashtables.ToStrings(LogOption),
            SeccompProfilePath = _seccompPath,
            SeccompProfileJson = _seccompJson,
            StorageSize = StorageSize,
            Labels = Hashtables.ToStrings(Label),
            HealthCommand = HealthCommand,
            Force = Force.IsPresent,
            KeepMounts = KeepMount ?? Array.Empty<string>(),
        };
    }
}
