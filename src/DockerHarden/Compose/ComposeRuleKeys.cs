using System;
using System.Collections.Generic;

namespace DockerHarden.Compose
{
    /// <summary>
    /// The compose keys each container rule reads, in the order that decides which one a finding points at: the
    /// first key present in the service gives the finding's line and column.
    /// </summary>
    internal static class ComposeRuleKeys
    {
        private static readonly Dictionary<string, string[]> Keys = new(StringComparer.Ordinal)
        {
            ["DH101"] = new[] { "user" },
            ["DH102"] = new[] { "cap_drop", "privileged" },
            ["DH103"] = new[] { "cap_add", "cap_drop", "privileged" },
            ["DH104"] = new[] { "privileged" },
            ["DH105"] = new[] { "volumes" },
            ["DH106"] = new[] { "volumes" },
            ["DH107"] = new[] { "devices", "device_cgroup_rules" },
            ["DH108"] = new[] { "network_mode" },
            ["DH109"] = new[] { "network_mode", "networks" },
            ["DH110"] = new[] { "ports", "networks" },
            ["DH111"] = new[] { "pid" },
            ["DH112"] = new[] { "ipc" },
            ["DH113"] = new[] { "uts" },
            ["DH114"] = new[] { "userns_mode" },
            ["DH115"] = new[] { "cgroup_parent" },
            ["DH116"] = new[] { "mem_limit", "deploy.resources.limits.memory" },
            ["DH117"] = new[] { "memswap_limit", "mem_limit", "deploy.resources.limits.memory" },
            ["DH118"] = new[] { "cpus", "deploy.resources.limits.cpus", "cpu_quota", "cpu_period", "cpu_shares" },
            ["DH119"] = new[] { "read_only" },
            ["DH120"] = new[] { "storage_opt" },
            ["DH121"] = new[] { "pids_limit", "deploy.resources.limits.pids" },
            ["DH122"] = new[] { "security_opt" },
            ["DH123"] = new[] { "security_opt", "privileged" },
            ["DH124"] = new[] { "security_opt" },
            ["DH125"] = new[] { "logging.driver", "logging" },
            ["DH126"] = new[] { "ports" },
            ["DH127"] = new[] { "volumes" },
            ["DH128"] = new[] { "healthcheck" },
            ["DH129"] = new[] { "restart", "deploy.restart_policy" },
            ["DH130"] = new[] { "environment" },
            ["DH131"] = new[] { "image" },
            ["DH132"] = new[] { "security_opt" },
            ["DH133"] = new[] { "ports" },
        };

        public static IReadOnlyList<string> For(string ruleId) =>
            Keys.TryGetValue(ruleId, out var keys) ? keys : Array.Empty<string>();
    }
}
