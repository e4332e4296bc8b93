using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Secrets;

namespace DockerHarden.Views.Create
{
    /// <summary>Builds the readable, secret-free summary of a spec for the output object.</summary>
    internal static class SettingsSummary
    {
        public static HardenedSettings From(ContainerSpec spec, NetworkSpec? network, ImageFacts image, EngineFacts engine)
        {
            return new HardenedSettings
            {
                User = spec.User.Length > 0 ? spec.User : image.User,
                CapDrop = spec.CapDrop.ToArray(),
                CapAdd = spec.CapAdd.ToArray(),
                ReadOnlyRootFilesystem = spec.ReadonlyRootfs,
                Tmpfs = spec.Tmpfs.Select(kv => $"{kv.Key}:{kv.Value}").ToArray(),
                Memory = Sizes.Format(spec.Memory),
                MemorySwap = spec.MemorySwap < 0 ? "unlimited" : Sizes.Format(spec.MemorySwap),
                Cpus = spec.NanoCpus / 1e9,
                PidsLimit = spec.PidsLimit,
                // The JSON of a custom profile is long and not for a table.
                SecurityOptions = spec.SecurityOpt
                    .Select(o => SecurityOpts.Values(new[] { o }, "seccomp").Count > 0 ? "seccomp=(custom profile)" : o)
                    .ToArray(),
                Network = spec.Network,
                InternalNetwork = network?.Internal ?? false,
                Ports = spec.PortBindings.Select(p => $"{p.HostIp}:{(p.HostPort.Length == 0 ? "(any)" : p.HostPort)}->{p.ContainerPort}").ToArray(),
                Volumes = spec.Mounts.Select(m => $"{(m.Source.Length == 0 ? "(anonymous)" : m.Source)}:{m.Target}{(m.ReadOnly ? ":ro" : "")}").ToArray(),
                Devices = spec.Devices.Select(d => $"{d.PathOnHost}:{d.PathInContainer}:{d.CgroupPermissions}").ToArray(),
                RestartPolicy = spec.RestartPolicy == "on-failure" ? $"on-failure:{spec.RestartMaxRetries}" : spec.RestartPolicy,
                LogDriver = spec.LogDriver.Length > 0 ? spec.LogDriver
                    : engine.DefaultLogDriver.Length > 0 ? $"{engine.DefaultLogDriver} (engine default)" : "(engine default)",
                Healthcheck = spec.Healthcheck is { Test.Count: > 0 } h ? SecretMask.Command(h.Test)
                    : image.HealthcheckTest.Count > 0 ? $"{SecretMask.Command(image.HealthcheckTest)} (from the image)" : "(none)",
                StorageSize = spec.StorageOpt.TryGetValue("size", out var size) ? size : "",
                EnvironmentNames = DockerRunCommand.EnvironmentNames(spec.Env).ToArray(),
            };
        }
    }
}
