using System;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;
using DockerHarden.Facts;

namespace DockerHarden.Adapters.Docker
{
    /// <summary>Copies a service's spec into <see cref="SwarmServiceFacts"/>. Environment values are dropped here.</summary>
    internal static class ServiceMapper
    {
        public static SwarmServiceFacts ToFacts(SwarmService service, IReadOnlyDictionary<string, SwarmNetworkFact> networks)
        {
            var spec = service.Spec ?? new ServiceSpec();
            var task = spec.TaskTemplate ?? new TaskSpec();
            var c = task.ContainerSpec ?? new global::Docker.DotNet.Models.ContainerSpec();
            var limits = task.Resources?.Limits;
            var privileges = c.Privileges;
            return new SwarmServiceFacts
            {
                Id = service.ID ?? "",
                Name = spec.Name ?? "",
                Labels = Copy(spec.Labels),
                VersionIndex = service.Version?.Index ?? 0,
                Mode = spec.Mode?.Global is not null ? "global"
                    : spec.Mode?.ReplicatedJob is not null ? "replicated-job"
                    : spec.Mode?.GlobalJob is not null ? "global-job"
                    : "replicated",
                Image = c.Image ?? "",
                User = c.User ?? "",
                CapabilityAdd = c.CapabilityAdd?.ToList() ?? new List<string>(),
                CapabilityDrop = c.CapabilityDrop?.ToList() ?? new List<string>(),
                ReadOnly = c.ReadOnly ?? false,
                Mounts = (c.Mounts ?? new List<Mount>()).Select(m => new MountFact
                {
                    Type = m.Type ?? "",
                    Source = m.Source ?? "",
                    Destination = m.Target ?? "",
                    ReadWrite = !(m.ReadOnly ?? false),
                    Propagation = m.BindOptions?.Propagation ?? "",
                }).ToList(),
                Sysctls = Copy(c.Sysctls),
                Environment = (c.Env ?? new List<string>()).Select(EnvVarFact.FromEntry).ToList(),
                Secrets = (c.Secrets ?? new List<SecretReference>()).Select(s => s.SecretName ?? s.SecretID ?? "").ToList(),
                HealthcheckTest = c.Healthcheck?.Test?.ToList(),
                NoNewPrivileges = privileges?.NoNewPrivileges ?? false,
                SeccompMode = privileges?.Seccomp?.Mode ?? "",
                AppArmorMode = privileges?.AppArmor?.Mode ?? "",
                SELinuxDisabled = privileges?.SELinuxContext?.Disable ?? false,
                MemoryLimit = Positive(limits?.MemoryBytes),
                NanoCpuLimit = Positive(limits?.NanoCPUs),
                PidsLimit = Positive(limits?.Pids),
                SwapBytes = task.Resources?.SwapBytes,
                RestartCondition = task.RestartPolicy?.Condition ?? "",
                RestartMaxAttempts = task.RestartPolicy?.MaxAttempts,
                LogDriver = task.LogDriver?.Name ?? "",
                LogOptions = Copy(task.LogDriver?.Options),
                Networks = (task.Networks ?? new List<NetworkAttachmentConfig>()).Select(n => n.Target ?? "").Where(t => t.Length > 0)
                    .Select(t => networks.TryGetValue(t, out var known) ? known : new SwarmNetworkFact { Target = t, Name = t }).ToList(),
                Ports = (spec.EndpointSpec?.Ports ?? new List<PortConfig>()).Select(p => new ServicePortFact
                {
                    TargetPort = p.TargetPort ?? 0,
                    PublishedPort = p.PublishedPort ?? 0,
                    Protocol = string.IsNullOrEmpty(p.Protocol) ? "tcp" : p.Protocol,
                    PublishMode = string.IsNullOrEmpty(p.PublishMode) ? "ingress" : p.PublishMode,
                }).ToList(),
            };
        }

        private static long? Positive(long? value) => value is > 0 ? value : null;

        private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? source) =>
            source is null ? new Dictionary<string, string>() : new Dictionary<string, string>(source, StringComparer.Ordinal);
    }
}
