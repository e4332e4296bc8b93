using System;
using System.Collections.Generic;

namespace DockerHarden.Facts
{
    /// <summary>
    /// One Swarm service as the manager returns it, in plain types and close to the Engine API's ServiceSpec: the
    /// adapter copies, the service view (Views/Service) decides what it means. No environment value is kept.
    /// </summary>
    internal sealed class SwarmServiceFacts
    {
        public string Id { get; init; } = "";
        public string Name { get; init; } = "";
        public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
        /// <summary>Version.Index: the engine refuses an update against another index.</summary>
        public ulong VersionIndex { get; init; }
        /// <summary>replicated, global, replicated-job or global-job.</summary>
        public string Mode { get; init; } = "";

        /// <summary>Spec.TaskTemplate.ContainerSpec.Image (with @sha256: when the manager resolved a digest).</summary>
        public string Image { get; init; } = "";
        public string User { get; init; } = "";
        public IReadOnlyList<string> CapabilityAdd { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> CapabilityDrop { get; init; } = Array.Empty<string>();
        /// <summary>ContainerSpec.ReadOnly.</summary>
        public bool ReadOnly { get; init; }
        /// <summary>Bind, volume and tmpfs mounts: Source is the host path of a bind, the volume name of a volume.</summary>
        public IReadOnlyList<MountFact> Mounts { get; init; } = Array.Empty<MountFact>();
        public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();
        /// <summary>Names and value shapes only.</summary>
        public IReadOnlyList<EnvVarFact> Environment { get; init; } = Array.Empty<EnvVarFact>();
        /// <summary>Names of the Docker secrets the service mounts.</summary>
        public IReadOnlyList<string> Secrets { get; init; } = Array.Empty<string>();
        /// <summary>ContainerSpec.Healthcheck.Test; null when the spec sets none (the image's HEALTHCHECK applies).</summary>
        public IReadOnlyList<string>? HealthcheckTest { get; init; }

        /// <summary>Privileges.NoNewPrivileges (API 1.44+); false when absent.</summary>
        public bool NoNewPrivileges { get; init; }
        /// <summary>Privileges.Seccomp.Mode (default, unconfined, custom; API 1.44+); empty when absent.</summary>
        public string SeccompMode { get; init; } = "";
        /// <summary>Privileges.AppArmor.Mode (default, disabled; API 1.44+); empty when absent.</summary>
        public string AppArmorMode { get; init; } = "";
        /// <summary>Privileges.SELinuxContext.Disable.</summary>
        public bool SELinuxDisabled { get; init; }

        /// <summary>Resources.Limits: null when unset.</summary>
        public long? MemoryLimit { get; init; }
        public long? NanoCpuLimit { get; init; }
        public long? PidsLimit { get; init; }
        /// <summary>Resources.SwapBytes, only in API versions that have it; null when the spec carries none.</summary>
        public long? SwapBytes { get; init; }

        /// <summary>RestartPolicy.Condition (none, on-failure, any); empty when the spec has no restart policy (any).</summary>
        public string RestartCondition { get; init; } = "";
        /// <summary>RestartPolicy.MaxAttempts; 0 or null means without limit.</summary>
        public ulong? RestartMaxAttempts { get; init; }

        /// <summary>TaskTemplate.LogDriver.Name; empty when the daemon's default applies.</summary>
        public string LogDriver { get; init; } = "";
        public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();

        /// <summary>TaskTemplate.Networks, resolved to networks where the manager knows them.</summary>
        public IReadOnlyList<SwarmNetworkFact> Networks { get; init; } = Array.Empty<SwarmNetworkFact>();
        /// <summary>EndpointSpec.Ports.</summary>
        public IReadOnlyList<ServicePortFact> Ports { get; init; } = Array.Empty<ServicePortFact>();
    }

    /// <summary>A network a service is attached to.</summary>
    internal sealed class SwarmNetworkFact
    {
        /// <summary>The Target as the spec names it (an id or a name).</summary>
        public string Target { get; init; } = "";
        /// <summary>The network's name; the Target when the manager does not know the network.</summary>
        public string Name { get; init; } = "";
        /// <summary>overlay, host, bridge...; empty when unknown.</summary>
        public string Driver { get; init; } = "";
        /// <summary>The routing-mesh network.</summary>
        public bool Ingress { get; init; }
        /// <summary>Overlay traffic is encrypted (option "encrypted").</summary>
        public bool Encrypted { get; init; }
    }

    /// <summary>One port a service publishes (EndpointSpec.Ports).</summary>
    internal sealed class ServicePortFact
    {
        public uint TargetPort { get; init; }
        /// <summary>0 when the engine picks one.</summary>
        public uint PublishedPort { get; init; }
        public string Protocol { get; init; } = "tcp";
        /// <summary>ingress (the routing mesh: every node) or host (the node that runs the task).</summary>
        public string PublishMode { get; init; } = "ingress";
    }

    /// <summary>One task of a service: where it runs and which container it is.</summary>
    internal sealed class SwarmTaskFacts
    {
        public string Id { get; init; } = "";
        public string ServiceId { get; init; } = "";
        public long? Slot { get; init; }
        public string NodeId { get; init; } = "";
        /// <summary>The node's hostname; the NodeId when the manager does not list it.</summary>
        public string Node { get; init; } = "";
        /// <summary>Status.State: running, starting, failed, shutdown...</summary>
        public string State { get; init; } = "";
        public string DesiredState { get; init; } = "";
        /// <summary>Status.ContainerStatus.ContainerID; empty before the container exists.</summary>
        public string ContainerId { get; init; } = "";
    }

    /// <summary>What the service view needs to know about the engine it asks: its API version and swarm role.</summary>
    internal sealed record SwarmEngineFacts
    {
        public string Endpoint { get; init; } = "";
        /// <summary>The engine's API version (version endpoint), for example 1.41.</summary>
        public string ApiVersion { get; init; } = "";
        /// <summary>Info.Swarm.LocalNodeState: inactive, pending, active, error, locked.</summary>
        public string LocalNodeState { get; init; } = "";
        /// <summary>Info.Swarm.ControlAvailable: the engine is a manager.</summary>
        public bool IsManager { get; init; }
        /// <summary>Info.Swarm.NodeID: the node this engine is; its tasks' containers can be inspected here.</summary>
        public string NodeId { get; init; } = "";
        /// <summary>The container rules' view of the engine (security options, default log driver).</summary>
        public EngineFacts Engine { get; init; } = new();
    }
}
