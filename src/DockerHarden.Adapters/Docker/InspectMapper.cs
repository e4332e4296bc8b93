using System;
using System.Collections.Generic;
using System.Linq;
using Docker.DotNet.Models;
using DockerHarden.Facts;

namespace DockerHarden.Adapters.Docker
{
    /// <summary>Turns one inspect response into <see cref="ContainerFacts"/>. Environment values are dropped here.</summary>
    internal static class InspectMapper
    {
        public static ContainerFacts ToFacts(ContainerInspectResponse inspect)
        {
            var host = inspect.HostConfig ?? new HostConfig();
            var config = inspect.Config ?? new ContainerConfig();
            return new ContainerFacts
            {
                Id = inspect.ID ?? "",
                Name = (inspect.Name ?? "").TrimStart('/'),
                Image = config.Image ?? inspect.Image ?? "",
                State = inspect.State?.Status ?? "",
                Labels = Copy(config.Labels),
                User = config.User ?? "",
                Privileged = host.Privileged,
                CapAdd = List(host.CapAdd),
                CapDrop = List(host.CapDrop),
                Mounts = (inspect.Mounts ?? new List<MountPoint>()).Select(m => new MountFact
                {
                    Type = m.Type ?? "",
                    Source = m.Source ?? "",
                    Destination = m.Destination ?? "",
                    ReadWrite = m.RW,
                    Propagation = m.Propagation ?? "",
                }).ToList(),
                Devices = (host.Devices ?? new List<DeviceMapping>()).Select(d => new DeviceFact
                {
                    PathOnHost = d.PathOnHost ?? "",
                    PathInContainer = d.PathInContainer ?? "",
                    CgroupPermissions = d.CgroupPermissions ?? "",
                }).ToList(),
                DeviceCgroupRules = List(host.DeviceCgroupRules),
                NetworkMode = host.NetworkMode ?? "",
                Networks = inspect.NetworkSettings?.Networks?.Keys.ToList() ?? new List<string>(),
                PortBindings = Ports(host.PortBindings),
                PidMode = host.PidMode ?? "",
                IpcMode = host.IpcMode ?? "",
                UtsMode = host.UTSMode ?? "",
                UsernsMode = host.UsernsMode ?? "",
                CgroupParent = host.CgroupParent ?? "",
                Memory = host.Memory,
                MemorySwap = host.MemorySwap,
                NanoCpus = host.NanoCPUs,
                CpuQuota = host.CPUQuota,
                CpuPeriod = host.CPUPeriod,
                CpuShares = host.CPUShares,
                PidsLimit = host.PidsLimit,
                ReadonlyRootfs = host.ReadonlyRootfs,
                StorageOpt = Copy(host.StorageOpt),
                SecurityOpt = List(host.SecurityOpt),
                AppArmorProfile = inspect.AppArmorProfile ?? "",
                LogDriver = host.LogConfig?.Type ?? "",
                LogOptions = Copy(host.LogConfig?.Config),
                HealthcheckTest = List(config.Healthcheck?.Test),
                RestartPolicy = RestartName(host.RestartPolicy),
                RestartMaxRetries = host.RestartPolicy?.MaximumRetryCount ?? 0,
                Environment = (config.Env ?? new List<string>()).Select(EnvVarFact.FromEntry).ToList(),
            };
        }

        private static string RestartName(RestartPolicy? policy)
        {
            if (policy is null)
            {
                return "";
            }

            // The enum's names (UnlessStopped, OnFailure) differ from the engine's wire names.
            return policy.Name switch
            {
                RestartPolicyKind.Always => "always",
                RestartPolicyKind.UnlessStopped => "unless-stopped",
                RestartPolicyKind.OnFailure => "on-failure",
                RestartPolicyKind.No => "no",
                _ => policy.Name.ToString().ToLowerInvariant(),
            };
        }

        private static IReadOnlyList<PortBindingFact> Ports(IDictionary<string, IList<PortBinding>>? bindings)
        {
            if (bindings is null)
            {
                return Array.Empty<PortBindingFact>();
            }

            return bindings
                .SelectMany(pair => (pair.Value ?? new List<PortBinding>()).Select(b => new PortBindingFact
                {
                    ContainerPort = pair.Key,
                    HostIp = b.HostIP ?? "",
                    HostPort = b.HostPort ?? "",
                }))
                .ToList();
        }

        private static IReadOnlyList<string> List(IEnumerable<string>? values) => values?.ToList() ?? new List<string>();

        private static IReadOnlyDictionary<string, string> Copy(IDictionary<string, string>? values) =>
            values is null ? new Dictionary<string, string>() : new Dictionary<string, string>(values);
    }
}
