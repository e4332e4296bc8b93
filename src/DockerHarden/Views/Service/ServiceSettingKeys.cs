using System.Collections.Generic;
using System.Linq;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Views.Service
{
    /// <summary>
    /// Where each view-neutral setting lives in a Swarm service's spec (as `docker service inspect` shows it). Rules
    /// name settings, never keys; a finding names the key of the rule's first setting that a service can hold, or the
    /// more precise key <see cref="ServiceApi"/> gives for the rule. A setting without a key has no place in a service.
    /// </summary>
    internal static class ServiceSettingKeys
    {
        private const string Container = "Spec.TaskTemplate.ContainerSpec.";
        private const string Task = "Spec.TaskTemplate.";

        private static readonly Dictionary<Setting, string> Keys = new()
        {
            [Setting.User] = Container + "User",
            [Setting.CapDrop] = Container + "CapabilityDrop",
            [Setting.CapAdd] = Container + "CapabilityAdd",
            [Setting.Mounts] = Container + "Mounts",
            [Setting.Tmpfs] = Container + "Mounts",
            [Setting.NetworkMode] = Task + "Networks",
            [Setting.Networks] = Task + "Networks",
            [Setting.Ports] = "Spec.EndpointSpec.Ports",
            [Setting.Memory] = Task + "Resources.Limits.MemoryBytes",
            [Setting.MemorySwap] = Task + "Resources.SwapBytes",
            [Setting.Cpus] = Task + "Resources.Limits.NanoCPUs",
            [Setting.PidsLimit] = Task + "Resources.Limits.Pids",
            [Setting.ReadOnlyRoot] = Container + "ReadOnly",
            [Setting.SecurityOpt] = Container + "Privileges",
            [Setting.LogDriver] = Task + "LogDriver",
            [Setting.Healthcheck] = Container + "Healthcheck",
            [Setting.RestartPolicy] = Task + "RestartPolicy",
            [Setting.Environment] = Container + "Env",
            [Setting.Image] = Container + "Image",
        };

        /// <summary>The key of one setting; null when a service cannot hold it (privileged, devices, namespaces...).</summary>
        public static string? For(Setting setting) => Keys.TryGetValue(setting, out var key) ? key : null;

        /// <summary>The key that decides a rule's finding: the rule's own (ServiceApi), else its first setting a service holds.</summary>
        public static string? For(ContainerRule rule) =>
            ServiceApi.KeyOf(rule) ?? rule.Reads.Select(For).FirstOrDefault(k => k is not null);

        /// <summary>Every setting a service can hold, for the catalog tests.</summary>
        internal static IReadOnlyCollection<Setting> Held => Keys.Keys;

        /// <summary>A key under the task template's ContainerSpec.</summary>
        internal static string ContainerKey(string field) => Container + field;
    }
}
