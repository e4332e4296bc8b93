using System;
using System.Collections.Generic;
using DockerHarden.Rules;
using DockerHarden.Rules.Container;

namespace DockerHarden.Views.Service
{
    /// <summary>
    /// The one place that decides, per container rule, whether a Swarm service can express what the rule judges, by
    /// the API version the engine reports. A rule whose setting a service cannot hold, or that the engine's API version
    /// cannot express for services, is NotApplicable with the reason: never judged by a guess. Rules not listed here
    /// judge settings every supported API version expresses (a catalog test keeps that true).
    /// </summary>
    internal static class ServiceApi
    {
        /// <summary>What a rule needs from a service spec: the key, what it is, and the first API version that has it (null: none has).</summary>
        private sealed record Need(string? Key, string What, Version? Since);

        // Privileges.SELinuxContext has been in the service spec since services exist (API 1.25).
        private static readonly Version V125 = new(1, 25);
        private static readonly Version V141 = new(1, 41);
        private static readonly Version V144 = new(1, 44);

        private static readonly Dictionary<Type, Need> Needs = new()
        {
            [typeof(NotPrivileged)] = new(null, "privileged mode", null),
            [typeof(DevicesLeastPermission)] = new(null, "devices or device cgroup rules", null),
            [typeof(NoSharedPidNamespace)] = new(null, "a PID namespace mode", null),
            [typeof(NoSharedIpcNamespace)] = new(null, "an IPC namespace mode", null),
            [typeof(NoSharedUtsNamespace)] = new(null, "a UTS namespace mode", null),
            [typeof(NoHostUserNamespace)] = new(null, "a user namespace mode", null),
            [typeof(NoCgroupParent)] = new(null, "a cgroup parent", null),
            [typeof(StorageQuota)] = new(null, "a writable-layer quota (storage-opt size)", null),
            [typeof(DropAllCapabilities)] = new(ServiceSettingKeys.ContainerKey("CapabilityDrop"), "dropped capabilities", V141),
            [typeof(NoSensitiveCapabilities)] = new(ServiceSettingKeys.ContainerKey("CapabilityAdd"), "added or dropped capabilities", V141),
            [typeof(PidsLimit)] = new("Spec.TaskTemplate.Resources.Limits.Pids", "a pids limit", V141),
            [typeof(NoNewPrivileges)] = new(ServiceSettingKeys.ContainerKey("Privileges.NoNewPrivileges"), "no-new-privileges", V144),
            [typeof(SeccompConfined)] = new(ServiceSettingKeys.ContainerKey("Privileges.Seccomp"), "a seccomp profile", V144),
            [typeof(AppArmorConfined)] = new(ServiceSettingKeys.ContainerKey("Privileges.AppArmor"), "an AppArmor profile", V144),
            [typeof(SELinuxLabelNotDisabled)] = new(ServiceSettingKeys.ContainerKey("Privileges.SELinuxContext"), "an SELinux label", V125),
        };

        /// <summary>The precise key a rule reads in a service spec; null when the rule's settings say it (ServiceSettingKeys).</summary>
        public static string? KeyOf(ContainerRule rule) => Needs.TryGetValue(rule.GetType(), out var need) ? need.Key : null;

        /// <summary>
        /// Why a service on an engine with this API version cannot be judged by the rule; null when it can.
        /// <paramref name="swapInSpec"/>: the spec carries Resources.SwapBytes (only API versions that have it return it).
        /// </summary>
        public static string? NotExpressible(ContainerRule rule, string apiVersion, bool swapInSpec)
        {
            if (rule is MemorySwapLimit)
            {
                return swapInSpec ? null
                    : $"a service's resources carry no swap setting on this engine (API {Shown(apiVersion)}; Spec.TaskTemplate.Resources has no SwapBytes): " +
                      "each task container gets the engine's default swap; -IncludeTasks judges the task containers";
            }

            if (!Needs.TryGetValue(rule.GetType(), out var need))
            {
                return null;
            }

            if (need.Since is null)
            {
                return $"a Swarm service cannot set {need.What} at any API version (the service spec has no such field): its task containers " +
                       "never get one";
            }

            if (Parse(apiVersion) is not { } api)
            {
                return $"the engine did not report an API version that says whether services can set {need.What} ({need.Key}, API {Shown(need.Since)} and later)";
            }

            return api >= need.Since ? null
                : $"the engine's API {Shown(apiVersion)} cannot express {need.What} for services ({need.Key} came with API {Shown(need.Since)}): " +
                  "the task containers run with the engine's default; -IncludeTasks judges them";
        }

        /// <summary>"1.41" as a version; null when it is not one.</summary>
        internal static Version? Parse(string apiVersion) =>
            Version.TryParse(apiVersion.Trim(), out var v) ? v : null;

        private static string Shown(string apiVersion) => apiVersion.Trim().Length == 0 ? "unknown" : apiVersion.Trim();

        private static string Shown(Version v) => v.ToString(2);

        /// <summary>The rules this table names, for the catalog tests.</summary>
        internal static IReadOnlyCollection<Type> Listed => Needs.Keys;
    }
}
