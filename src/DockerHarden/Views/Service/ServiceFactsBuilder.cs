using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerHarden.Facts;

namespace DockerHarden.Views.Service
{
    /// <summary>
    /// What a service's task template means in the container rules' terms: the container every task of the service
    /// starts as, before the node adds anything. Pure; the image's USER and HEALTHCHECK are applied only when the
    /// caller read the image (a service without them inherits the image's).
    /// </summary>
    internal static class ServiceFactsBuilder
    {
        public static ContainerFacts Build(SwarmServiceFacts s, ImageFacts? image = null)
        {
            var userNetworks = s.Networks.Where(n => !n.Ingress && !IsHost(n)).Select(n => n.Name).ToList();
            bool ingressPorts = s.Ports.Any(p => IsIngress(p.PublishMode));
            // A service on no network runs its tasks on the node's default bridge (published host-mode ports too).
            var (mode, networks) = s.Networks.Any(IsHost) ? ("host", new List<string> { "host" })
                : userNetworks.Count > 0 ? (userNetworks[0], userNetworks)
                : ingressPorts ? ("ingress", new List<string>())
                : ("default", new List<string> { "bridge" });
            long memory = s.MemoryLimit ?? 0;
            return new ContainerFacts
            {
                Id = s.Id,
                Name = s.Name,
                Image = s.Image,
                State = s.Mode,
                Labels = s.Labels,
                User = s.User.Length > 0 ? s.User : image?.User ?? "",
                CapAdd = s.CapabilityAdd,
                CapDrop = s.CapabilityDrop,
                Mounts = s.Mounts,
                NetworkMode = mode,
                Networks = networks,
                PortBindings = s.Ports.Select(p => new PortBindingFact
                {
                    ContainerPort = $"{p.TargetPort.ToString(CultureInfo.InvariantCulture)}/{p.Protocol}",
                    // Swarm binds a published port on every interface of the node (host mode) or of every node (ingress).
                    HostIp = "",
                    HostPort = p.PublishedPort == 0 ? "" : p.PublishedPort.ToString(CultureInfo.InvariantCulture),
                }).ToList(),
                Memory = memory,
                MemorySwap = s.SwapBytes is { } swap && memory > 0 ? (swap < 0 ? -1 : memory + swap) : 0,
                NanoCpus = s.NanoCpuLimit ?? 0,
                PidsLimit = s.PidsLimit,
                ReadonlyRootfs = s.ReadOnly,
                SecurityOpt = SecurityOptions(s),
                AppArmorProfile = IsDisabled(s.AppArmorMode) ? "unconfined" : "",
                LogDriver = s.LogDriver,
                LogOptions = s.LogOptions,
                HealthcheckTest = s.HealthcheckTest ?? image?.HealthcheckTest ?? Array.Empty<string>(),
                RestartPolicy = RestartPolicy(s.RestartCondition),
                RestartMaxRetries = s.RestartMaxAttempts is { } attempts ? (long)Math.Min(attempts, long.MaxValue) : 0,
                Environment = s.Environment,
            };
        }

        /// <summary>Swarm's restart condition in the container rules' words: any restarts always, none never.</summary>
        internal static string RestartPolicy(string condition) => condition.Trim().ToLowerInvariant() switch
        {
            "" or "any" => "always",
            "none" => "no",
            var other => other,
        };

        /// <summary>The privileges of the spec as the security options a container would carry.</summary>
        private static List<string> SecurityOptions(SwarmServiceFacts s)
        {
            var options = new List<string>();
            if (s.NoNewPrivileges)
            {
                options.Add("no-new-privileges:true");
            }

            if (string.Equals(s.SeccompMode.Trim(), "unconfined", StringComparison.OrdinalIgnoreCase))
            {
                options.Add("seccomp=unconfined");
            }

            if (IsDisabled(s.AppArmorMode))
            {
                options.Add("apparmor=unconfined");
            }

            if (s.SELinuxDisabled)
            {
                options.Add("label=disable");
            }

            return options;
        }

        private static bool IsDisabled(string mode) => string.Equals(mode.Trim(), "disabled", StringComparison.OrdinalIgnoreCase);

        internal static bool IsHost(SwarmNetworkFact n) =>
            string.Equals(n.Driver, "host", StringComparison.OrdinalIgnoreCase) || (n.Driver.Length == 0 && n.Name == "host");

        internal static bool IsIngress(string publishMode) =>
            publishMode.Trim().Length == 0 || string.Equals(publishMode.Trim(), "ingress", StringComparison.OrdinalIgnoreCase);
    }
}
