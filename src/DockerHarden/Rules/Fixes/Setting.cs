namespace DockerHarden.Rules.Fixes
{
    /// <summary>
    /// The view-neutral settings a container rule reads and its fix writes. Each view maps a setting (never a rule id)
    /// to where it lives there: compose keys, create-spec fields, inspect fields. The order of a rule's settings is the
    /// order that decides which one a finding points at (the first one present).
    /// </summary>
    internal enum Setting
    {
        User,
        CapDrop,
        CapAdd,
        Privileged,
        Mounts,
        Devices,
        DeviceCgroupRules,
        NetworkMode,
        Networks,
        Ports,
        PidMode,
        IpcMode,
        UtsMode,
        UsernsMode,
        CgroupParent,
        Memory,
        MemorySwap,
        Cpus,
        CpuQuota,
        CpuPeriod,
        CpuShares,
        ReadOnlyRoot,
        Tmpfs,
        StorageOpt,
        PidsLimit,
        SecurityOpt,
        LogDriver,
        Healthcheck,
        RestartPolicy,
        Environment,
        Image,
    }
}
