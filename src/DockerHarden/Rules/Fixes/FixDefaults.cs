using System;
using System.Collections.Generic;
using System.Globalization;

namespace DockerHarden.Rules.Fixes
{
    /// <summary>
    /// The one source of the values a fix writes when nobody chose one: every view reads them from here, fed by the
    /// policy file's defaults: and by the cmdlets' parameters (<see cref="With"/>). A test fails when one of these
    /// literals appears anywhere else in the module. The values are a starting point (about_DockerHarden says so):
    /// a service that needs more memory or processes gets them from the policy or a parameter.
    /// </summary>
    internal sealed record FixDefaults
    {
        public static FixDefaults BuiltIn { get; } = new();

        /// <summary>Memory limit as written in a file or a flag.</summary>
        public string Memory { get; init; } = "256m";

        /// <summary>CPU limit as written (compose cpus: "1.0").</summary>
        public string Cpus { get; init; } = "1.0";

        public long NanoCpus => (long)Math.Round(double.Parse(Cpus, NumberStyles.Float, CultureInfo.InvariantCulture) * 1e9);

        public long PidsLimit { get; init; } = 100;

        /// <summary>uid:gid of an unprivileged user that no image defines (so it owns nothing by accident).</summary>
        public string User { get; init; } = "10001:10001";

        /// <summary>
        /// Writable paths under a read-only root: the directories the Filesystem Hierarchy Standard gives to data a
        /// program may lose at any restart (temporary files in /tmp and /var/tmp, pid files and sockets in /run and
        /// /var/run, regenerable caches in /var/cache), where servers such as nginx, postgres and redis write. Nothing
        /// of the image's lives there by that standard, so an empty tmpfs in their place loses nothing: about_DockerHarden
        /// gives the reasoning and what stays unverified (a write anywhere else, which -Verify finds).
        /// </summary>
        public IReadOnlyList<string> TmpfsPaths { get; init; } = new[] { "/tmp", "/var/tmp", "/run", "/var/run", "/var/cache" };

        /// <summary>
        /// What a root entrypoint needs after cap_drop: [ALL] to take ownership of its data and run directories (chown:
        /// CHOWN, DAC_OVERRIDE, FOWNER) and drop to its own user (gosu, su-exec: SETUID, SETGID).
        /// </summary>
        public IReadOnlyList<string> RootCapabilities { get; init; } = new[] { "CHOWN", "DAC_OVERRIDE", "FOWNER", "SETUID", "SETGID" };

        public string TmpfsOptions { get; init; } = "rw,noexec,nosuid,size=64m";

        public string RestartPolicy { get; init; } = "on-failure";

        public long RestartRetries { get; init; } = 5;

        /// <summary>The interface published ports bind to instead of all interfaces.</summary>
        public string BindAddress { get; init; } = "127.0.0.1";

        /// <summary>Writable-layer quota, set only where the storage driver can enforce one.</summary>
        public string StorageSize { get; init; } = "10g";

        /// <summary>Values given by a policy file or by parameters; null keeps this one.</summary>
        public FixDefaults With(string? memory = null, double? cpus = null, long? pidsLimit = null, string? user = null, string? bindAddress = null) =>
            this with
            {
                Memory = memory ?? Memory,
                Cpus = cpus?.ToString("0.0##", CultureInfo.InvariantCulture) ?? Cpus,
                PidsLimit = pidsLimit ?? PidsLimit,
                User = user ?? User,
                BindAddress = bindAddress ?? BindAddress,
            };
    }
}
