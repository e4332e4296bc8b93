using System;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;
using DockerHarden.Facts;
using ContainerSpec = DockerHarden.Facts.ContainerSpec;

// Docker.DotNet annotates its request properties as non-null, but leaves null ones out of the request: null
// means "the engine default", which is what an unset field of our spec means.
namespace DockerHarden.Adapters.Docker
{
    /// <summary>Maps our <see cref="ContainerSpec"/> to the engine's create request; the only place that knows its shape.</summary>
    internal static class CreateMapper
    {
        public static CreateContainerParameters ToParameters(ContainerSpec spec)
        {
            var exposed = spec.ExposedPorts.Concat(spec.PortBindings.Select(p => p.ContainerPort)).Distinct(StringComparer.Ordinal).ToList();
            return new CreateContainerParameters
            {
                Name = spec.Name,
                Image = spec.Image,
                Cmd = spec.Cmd?.ToList()!,
                Entrypoint = spec.Entrypoint?.ToList()!,
                WorkingDir = spec.WorkingDir.Length == 0 ? null! : spec.WorkingDir,
                Env = spec.Env.ToList(),
                Labels = spec.Labels.ToDictionary(kv => kv.Key, kv => kv.Value),
                User = spec.User.Length == 0 ? null! : spec.User,
                ExposedPorts = exposed.Count == 0 ? null! : exposed.ToDictionary(p => p, _ => default(EmptyStruct)),
                Healthcheck = spec.Healthcheck is null ? null! : new HealthcheckConfig
                {
                    Test = spec.Healthcheck.Test.ToList(),
                    Interval = spec.Healthcheck.Interval,
                    Timeout = spec.Healthcheck.Timeout,
                    StartPeriod = spec.Healthcheck.StartPeriod,
                    Retries = spec.Healthcheck.Retries,
                },
                HostConfig = new HostConfig
                {
                    CapDrop = spec.CapDrop.ToList(),
                    CapAdd = spec.CapAdd.Count == 0 ? null! : spec.CapAdd.ToList(),
                    ReadonlyRootfs = spec.ReadonlyRootfs,
                    Tmpfs = spec.Tmpfs.Count == 0 ? null! : spec.Tmpfs.ToDictionary(kv => kv.Key, kv => kv.Value),
                    Mounts = spec.Mounts.Count == 0 ? null! : spec.Mounts.Select(m => new Mount
                    {
                        Type = m.Type,
                        Source = m.Source.Length == 0 ? null! : m.Source,
                        Target = m.Target,
                        ReadOnly = m.ReadOnly,
                    }).ToList(),
                    Devices = spec.Devices.Count == 0 ? null! : spec.Devices.Select(d => new DeviceMapping
                    {
                        PathOnHost = d.PathOnHost,
                        PathInContainer = d.PathInContainer,
                        CgroupPermissions = d.CgroupPermissions,
                    }).ToList(),
                    Memory = spec.Memory,
                    MemorySwap = spec.MemorySwap,
                    NanoCPUs = spec.NanoCpus,
                    PidsLimit = spec.PidsLimit,
                    StorageOpt = spec.StorageOpt.Count == 0 ? null! : spec.StorageOpt.ToDictionary(kv => kv.Key, kv => kv.Value),
                    SecurityOpt = spec.SecurityOpt.ToList(),
                    NetworkMode = spec.Network.Length == 0 ? null! : spec.Network,
                    PortBindings = spec.PortBindings.Count == 0 ? null! : spec.PortBindings
                        .GroupBy(p => p.ContainerPort)
                        .ToDictionary(g => g.Key, g => (IList<PortBinding>)g.Select(p => new PortBinding { HostIP = p.HostIp, HostPort = p.HostPort }).ToList()),
                    RestartPolicy = new RestartPolicy { Name = RestartKind(spec.RestartPolicy), MaximumRetryCount = spec.RestartMaxRetries },
                    LogConfig = spec.LogDriver.Length == 0 ? null! : new LogConfig
                    {
                        Type = spec.LogDriver,
                        Config = spec.LogOptions.ToDictionary(kv => kv.Key, kv => kv.Value),
                    },
                },
            };
        }

        private static RestartPolicyKind RestartKind(string name) => name switch
        {
            "always" => RestartPolicyKind.Always,
            "unless-stopped" => RestartPolicyKind.UnlessStopped,
            "on-failure" => RestartPolicyKind.OnFailure,
            _ => RestartPolicyKind.No,
        };
    }
}
