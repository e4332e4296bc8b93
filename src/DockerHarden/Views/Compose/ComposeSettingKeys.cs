using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Views.Compose
{
    /// <summary>
    /// Where each view-neutral setting lives in a compose service. Rules name settings, never compose keys; a rule's
    /// keys are its settings' keys in the rule's order, and the first one present gives a finding's line and column.
    /// </summary>
    internal static class ComposeSettingKeys
    {
        private static readonly Dictionary<Setting, string[]> Keys = new()
        {
            [Setting.User] = new[] { "user" },
            [Setting.CapDrop] = new[] { "cap_drop" },
            [Setting.CapAdd] = new[] { "cap_add" },
            [Setting.Privileged] = new[] { "privileged" },
            [Setting.Mounts] = new[] { "volumes" },
            [Setting.Devices] = new[] { "devices" },
            [Setting.DeviceCgroupRules] = new[] { "device_cgroup_rules" },
            [Setting.NetworkMode] = new[] { "network_mode" },
            [Setting.Networks] = new[] { "networks" },
            [Setting.Ports] = new[] { "ports" },
            [Setting.PidMode] = new[] { "pid" },
            [Setting.IpcMode] = new[] { "ipc" },
            [Setting.UtsMode] = new[] { "uts" },
            [Setting.UsernsMode] = new[] { "userns_mode" },
            [Setting.CgroupParent] = new[] { "cgroup_parent" },
            [Setting.Memory] = new[] { "mem_limit", "deploy.resources.limits.memory" },
            [Setting.MemorySwap] = new[] { "memswap_limit" },
            [Setting.Cpus] = new[] { "cpus", "deploy.resources.limits.cpus" },
            [Setting.CpuQuota] = new[] { "cpu_quota" },
            [Setting.CpuPeriod] = new[] { "cpu_period" },
            [Setting.CpuShares] = new[] { "cpu_shares" },
            [Setting.ReadOnlyRoot] = new[] { "read_only" },
            [Setting.Tmpfs] = new[] { "tmpfs" },
            [Setting.StorageOpt] = new[] { "storage_opt" },
            [Setting.PidsLimit] = new[] { "pids_limit", "deploy.resources.limits.pids" },
            [Setting.SecurityOpt] = new[] { "security_opt" },
            [Setting.LogDriver] = new[] { "logging.driver", "logging" },
            [Setting.Healthcheck] = new[] { "healthcheck" },
            [Setting.RestartPolicy] = new[] { "restart", "deploy.restart_policy" },
            [Setting.Environment] = new[] { "environment" },
            [Setting.Image] = new[] { "image" },
        };

        /// <summary>The compose keys of one setting (a test checks that every setting has some).</summary>
        public static IReadOnlyList<string> For(Setting setting) => Keys.TryGetValue(setting, out var keys) ? keys : Array.Empty<string>();

        /// <summary>The compose keys a rule reads, most decisive first.</summary>
        public static IReadOnlyList<string> For(ContainerRule rule) => ByRule.GetOrAdd(rule, r => r.Reads.SelectMany(For).Distinct().ToList());

        // Asked for every rule of every service (a 2,000-service file asks 66,000 times): computed once per rule.
        private static readonly ConcurrentDictionary<ContainerRule, IReadOnlyList<string>> ByRule = new();

        /// <summary>The one key a setting is written to.</summary>
        public static string Key(Setting setting) => For(setting)[0];
    }
}
