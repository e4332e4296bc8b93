using System;

namespace DockerHarden.Rules.Fixes
{
    /// <summary>
    /// One step of a rule's fix, in a vocabulary every view understands. Steps carry what the rule knows (which
    /// capability, which option); values that are a choice (memory, user, address) come from <see cref="FixDefaults"/>.
    /// An applier either expresses a step in its view or says, in one place, why it cannot.
    /// </summary>
    internal abstract record FixStep
    {
        /// <summary>The setting the step writes.</summary>
        public abstract Setting Writes { get; }

        /// <summary>The step as a user reads it, for Get-HardeningRule's Fix column.</summary>
        public abstract string Describe(FixDefaults defaults);
    }

    /// <summary>Removes a setting (for example pid: host); where only an override can remove it, writes <see cref="Neutral"/>.</summary>
    internal sealed record ClearSetting(Setting Setting, string? Neutral = null) : FixStep
    {
        public override Setting Writes => Setting;
        public override string Describe(FixDefaults defaults) => $"Clear({Setting})";
    }

    internal sealed record SetUser : FixStep
    {
        public override Setting Writes => Setting.User;
        public override string Describe(FixDefaults defaults) => $"SetUser({defaults.User})";
    }

    /// <summary>
    /// Drops a capability (ALL). With <see cref="AddBackForRoot"/>, a container that runs as root gets back
    /// <see cref="FixDefaults.RootCapabilities"/>: the official images start as root, chown their data and drop to
    /// their own user, and exit at once without them.
    /// </summary>
    internal sealed record EnsureCapDrop(string Capability) : FixStep
    {
        public bool AddBackForRoot { get; init; }
        public override Setting Writes => Setting.CapDrop;
        public override string Describe(FixDefaults defaults) =>
            $"EnsureCapDrop({Capability})" + (AddBackForRoot ? $" + for root: add back {string.Join(", ", defaults.RootCapabilities)}" : "");
    }

    /// <summary>Removes the cap_add entries the rule judges (<see cref="Matches"/> takes a normalised name).</summary>
    internal sealed record RemoveCapAdd(string What, Func<string, bool> Matches) : FixStep
    {
        public override Setting Writes => Setting.CapAdd;
        public override string Describe(FixDefaults defaults) => $"RemoveCapAdd({What})";
    }

    /// <summary>Removes a security option KEY=VALUE (or KEY:VALUE), compared without case.</summary>
    internal sealed record RemoveSecurityOpt(string Key, string Value) : FixStep
    {
        public override Setting Writes => Setting.SecurityOpt;
        public override string Describe(FixDefaults defaults) => $"RemoveSecurityOpt({Key}={Value})";
    }

    /// <summary>Sets a security option KEY:VALUE, replacing any other value of KEY.</summary>
    internal sealed record EnsureSecurityOpt(string Key, string Value) : FixStep
    {
        public override Setting Writes => Setting.SecurityOpt;
        public override string Describe(FixDefaults defaults) => $"EnsureSecurityOpt({Key}:{Value})";
    }

    /// <summary>Removes the mounts the rule judges, by type, host source and read-only.</summary>
    internal sealed record RemoveMount(string What, Func<string, string, bool, bool> Matches) : FixStep
    {
        public override Setting Writes => Setting.Mounts;
        public override string Describe(FixDefaults defaults) => $"RemoveMount({What})";
    }

    internal sealed record SetMemoryLimit : FixStep
    {
        public override Setting Writes => Setting.Memory;
        public override string Describe(FixDefaults defaults) => $"SetMemoryLimit({defaults.Memory})";
    }

    internal sealed record SetMemorySwapEqualToMemory : FixStep
    {
        public override Setting Writes => Setting.MemorySwap;
        public override string Describe(FixDefaults defaults) => "SetMemorySwapEqualToMemory";
    }

    internal sealed record SetCpus : FixStep
    {
        public override Setting Writes => Setting.Cpus;
        public override string Describe(FixDefaults defaults) => $"SetCpus({defaults.Cpus})";
    }

    internal sealed record SetPidsLimit : FixStep
    {
        public override Setting Writes => Setting.PidsLimit;
        public override string Describe(FixDefaults defaults) => $"SetPidsLimit({defaults.PidsLimit})";
    }

    /// <summary>A read-only root filesystem, with the writable tmpfs paths of <see cref="FixDefaults.TmpfsPaths"/>.</summary>
    internal sealed record SetReadOnlyRoot : FixStep
    {
        public override Setting Writes => Setting.ReadOnlyRoot;
        public override string Describe(FixDefaults defaults) => $"SetReadOnlyRoot + EnsureTmpfs({string.Join(", ", defaults.TmpfsPaths)})";
    }

    /// <summary>Publishes every port on <see cref="FixDefaults.BindAddress"/> instead of all interfaces.</summary>
    internal sealed record BindPortTo : FixStep
    {
        public override Setting Writes => Setting.Ports;
        public override string Describe(FixDefaults defaults) => $"BindPortTo({defaults.BindAddress})";
    }

    internal sealed record SetRestartPolicy : FixStep
    {
        public override Setting Writes => Setting.RestartPolicy;
        public override string Describe(FixDefaults defaults) => $"SetRestartPolicy({defaults.RestartPolicy}:{defaults.RestartRetries})";
    }

    /// <summary>Replaces the log driver "none" with the engine's default.</summary>
    internal sealed record ClearLogDriverNone : FixStep
    {
        public override Setting Writes => Setting.LogDriver;
        public override string Describe(FixDefaults defaults) => "ClearLogDriver(none)";
    }

    /// <summary>Takes mknod (m) out of device permissions and drops device cgroup rules.</summary>
    internal sealed record LowerDevicePermissions : FixStep
    {
        public override Setting Writes => Setting.Devices;
        public override string Describe(FixDefaults defaults) => "LowerDevicePermissions(no m)";
    }

    /// <summary>Mount propagation private instead of shared.</summary>
    internal sealed record SetMountPropagationPrivate : FixStep
    {
        public override Setting Writes => Setting.Mounts;
        public override string Describe(FixDefaults defaults) => "SetMountPropagation(rprivate)";
    }

    /// <summary>A writable-layer quota, where the storage driver can enforce one.</summary>
    internal sealed record SetStorageQuota : FixStep
    {
        public override Setting Writes => Setting.StorageOpt;
        public override string Describe(FixDefaults defaults) => $"SetStorageQuota({defaults.StorageSize})";
    }

    /// <summary>A dedicated user-defined network instead of host or the default bridge.</summary>
    internal sealed record UseDedicatedNetwork : FixStep
    {
        public override Setting Writes => Setting.Networks;
        public override string Describe(FixDefaults defaults) => "UseDedicatedNetwork";
    }
}
