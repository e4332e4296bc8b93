using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Facts
{
    /// <summary>Everything the daemon rules (DH0xx) may look at: the engine, its configuration and its host.</summary>
    internal sealed record DaemonFacts
    {
        public DaemonEngineFacts Engine { get; init; } = new();

        /// <summary>The dockerd flags and daemon.json; see <see cref="DaemonConfigFacts.Settings"/>.</summary>
        public DaemonConfigFacts Config { get; init; } = DaemonConfigFacts.Unavailable("no configuration was read");

        /// <summary>Facts read from host files; null for a remote engine (see <see cref="HostUnavailableReason"/>).</summary>
        public HostFacts? Host { get; init; }

        /// <summary>Why <see cref="Host"/> is null, for NotApplicable evidence.</summary>
        public string HostUnavailableReason { get; init; } = "";

        /// <summary>True when the engine runs rootless (info security options carry name=rootless).</summary>
        public bool Rootless => Engine.SecurityOptions.Any(o => o.Split(',').Contains("name=rootless", StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>What the engine's info, version and default bridge network report; readable for remote engines too.</summary>
    internal sealed record DaemonEngineFacts
    {
        public string Endpoint { get; init; } = "";
        /// <summary>The client reached the endpoint with TLS client certificates.</summary>
        public bool EndpointUsesTls { get; init; }
        public string ServerVersion { get; init; } = "";
        public string ApiVersion { get; init; } = "";
        /// <summary>Info.SecurityOptions, for example "name=seccomp,profile=default", "name=userns", "name=rootless".</summary>
        public IReadOnlyList<string> SecurityOptions { get; init; } = Array.Empty<string>();
        public bool LiveRestoreEnabled { get; init; }
        public bool ExperimentalBuild { get; init; }
        public string LoggingDriver { get; init; } = "";
        public string DockerRootDir { get; init; } = "";
        public string CgroupDriver { get; init; } = "";
        public IReadOnlyList<string> AuthorizationPlugins { get; init; } = Array.Empty<string>();
        /// <summary>RegistryConfig.InsecureRegistryCIDRs (the engine always adds 127.0.0.0/8).</summary>
        public IReadOnlyList<string> InsecureRegistryCidrs { get; init; } = Array.Empty<string>();
        /// <summary>RegistryConfig.IndexConfigs entries with Secure = false.</summary>
        public IReadOnlyList<string> InsecureRegistryNames { get; init; } = Array.Empty<string>();
        /// <summary>The default "bridge" network, or null when the engine has none (bridge: none).</summary>
        public BridgeNetworkFacts? DefaultBridge { get; init; }

        /// <summary>The value of "profile=" in the seccomp security option; null when seccomp is not listed.</summary>
        public string? SeccompProfile
        {
            get
            {
                foreach (var option in SecurityOptions)
                {
                    var parts = option.Split(',');
                    if (!parts.Contains("name=seccomp", StringComparer.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    var profile = parts.FirstOrDefault(p => p.StartsWith("profile=", StringComparison.OrdinalIgnoreCase));
                    return profile is null ? "default" : profile.Substring("profile=".Length);
                }

                return null;
            }
        }
    }

    /// <summary>The engine's default bridge network and its driver options (enable_icc...).</summary>
    internal sealed record BridgeNetworkFacts
    {
        public string Name { get; init; } = "bridge";
        public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();
    }

    /// <summary>A malformed configuration file: where and what.</summary>
    internal sealed record ConfigError(string Path, long Line, long Column, string Message)
    {
        public override string ToString() => $"{Path}:{Line}:{Column}: {Message}";
    }

    /// <summary>
    /// The configuration of the dockerd that serves the endpoint: its flags merged with its daemon.json. Settings are
    /// keyed by their daemon.json name ("icc", "log-opts"...), whichever of the two set them.
    /// </summary>
    internal sealed record DaemonConfigFacts
    {
        /// <summary>The daemon.json path read (or that would be read); empty when none is known.</summary>
        public string Path { get; init; } = "";
        /// <summary>How the path was chosen, for evidence ("--config-file of dockerd pid 42", "-DaemonConfigPath").</summary>
        public string PathSource { get; init; } = "";
        public bool Exists { get; init; }
        /// <summary>The dockerd process, when found.</summary>
        public int? DaemonPid { get; init; }
        /// <summary>The first thing in the file that makes dockerd refuse to start, if any.</summary>
        public ConfigError? Error => Errors.Count > 0 ? Errors[0] : null;
        /// <summary>Everything in the file that makes dockerd refuse to start (parse error, unknown key, wrong type...).</summary>
        public IReadOnlyList<ConfigError> Errors { get; init; } = Array.Empty<ConfigError>();
        /// <summary>What dockerd loads, but otherwise than the file says: ignored keys, duplicates, trailing text, bytes that are not UTF-8.</summary>
        public IReadOnlyList<ConfigError> Warnings { get; init; } = Array.Empty<ConfigError>();
        /// <summary>Null when the configuration cannot be known: remote engine, no dockerd found, malformed file.</summary>
        public DaemonSettings? Settings { get; init; }
        /// <summary>Why <see cref="Settings"/> is null.</summary>
        public string UnavailableReason { get; init; } = "";
        /// <summary>The text of the seccomp profile file named by the engine or seccomp-profile; null when none or unreadable.</summary>
        public string? SeccompProfileText { get; init; }
        /// <summary>Why the seccomp profile file could not be read, when it could not.</summary>
        public string SeccompProfileError { get; init; } = "";

        public static DaemonConfigFacts Unavailable(string reason) => new() { UnavailableReason = reason };
    }

    /// <summary>One daemon setting with its values as text and where it was read.</summary>
    internal sealed record DaemonSetting(string Key, IReadOnlyList<string> Values, string Source, bool FromFlag = false)
    {
        public string Value => Values.Count == 0 ? "" : Values[Values.Count - 1];
    }

    /// <summary>Daemon settings by daemon.json key; pure lookups for the rules.</summary>
    internal sealed class DaemonSettings
    {
        private readonly Dictionary<string, DaemonSetting> _settings;

        public DaemonSettings(IEnumerable<DaemonSetting> settings)
        {
            _settings = new Dictionary<string, DaemonSetting>(StringComparer.Ordinal);
            foreach (var setting in settings)
            {
                _settings[setting.Key] = setting;
            }
        }

        public static DaemonSettings Empty { get; } = new(Array.Empty<DaemonSetting>());

        public DaemonSetting? Get(string key) => _settings.TryGetValue(key, out var s) ? s : null;

        /// <summary>true/false when the setting is present and boolean; null otherwise.</summary>
        public bool? Bool(string key)
        {
            var setting = Get(key);
            return setting is not null && bool.TryParse(setting.Value, out var value) ? value : null;
        }

        /// <summary>Text of the setting, null when absent or empty.</summary>
        public string? Text(string key)
        {
            var setting = Get(key);
            return setting is null || setting.Value.Length == 0 ? null : setting.Value;
        }

        public IReadOnlyList<string> List(string key) => Get(key)?.Values ?? Array.Empty<string>();

        /// <summary>Every setting, in no particular order.</summary>
        public IEnumerable<DaemonSetting> All => _settings.Values;

        /// <summary>A map setting (log-opts) whose values are "key=value".</summary>
        public IReadOnlyDictionary<string, string> Map(string key)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var pair in List(key))
            {
                var eq = pair.IndexOf('=');
                if (eq > 0)
                {
                    map[pair.Substring(0, eq)] = pair.Substring(eq + 1);
                }
            }

            return map;
        }

        /// <summary>"key (source)" for evidence.</summary>
        public string Describe(string key)
        {
            var setting = Get(key);
            return setting is null ? $"\"{key}\" is not set" : $"\"{key}\": {string.Join(", ", setting.Values)} ({setting.Source})";
        }
    }

    /// <summary>Owner and mode of a file, as stat reports them.</summary>
    internal sealed record FileStat(string Path, int Uid, int Gid, string Owner, string Group, int Mode, bool IsDirectory)
    {
        public string ModeText => Convert.ToString(Mode, 8).PadLeft(4, '0');
        public override string ToString() => $"{Path} {Owner}:{Group} {ModeText}";
    }

    /// <summary>One mountinfo line: where, which filesystem (major:minor identifies it; a bind mount keeps it), its type and source.</summary>
    internal sealed record HostMount(string MountPoint, string Device, string FsType, string Source);

    /// <summary>Members of a group, from /etc/group and getent (NSS: LDAP, SSSD...).</summary>
    internal sealed record GroupFacts(string Name, bool Exists, IReadOnlyList<string> Members, string Source);

    /// <summary>AppArmor on this kernel: enabled or not, and the loaded profiles with their modes.</summary>
    internal sealed record AppArmorFacts(bool Enabled, IReadOnlyDictionary<string, string> Profiles, string Source);

    /// <summary>What a daemon file is for; the rule that judges it decides what mode each may have.</summary>
    internal enum DaemonFileKind
    {
        /// <summary>daemon.json.</summary>
        Config,
        /// <summary>/etc/docker.</summary>
        ConfigDirectory,
        /// <summary>docker.service or docker.socket.</summary>
        Unit,
        /// <summary>/etc/default/docker or /etc/sysconfig/docker.</summary>
        EnvironmentFile,
        TlsCaCertificate,
        TlsCertificate,
        TlsKey,
    }

    /// <summary>Host facts; they exist only for a local engine.</summary>
    internal sealed record HostFacts
    {
        /// <summary>The docker group; null when it could not be read.</summary>
        public GroupFacts? DockerGroup { get; init; }
        /// <summary>The unix socket the endpoint names; null when not a unix endpoint or not found.</summary>
        public FileStat? Socket { get; init; }
        public string SocketError { get; init; } = "";
        /// <summary>uid of the dockerd process (0 unless rootless); null when unknown.</summary>
        public int? DaemonUid { get; init; }
        /// <summary>Sysctls by dotted name; a name is absent when the kernel lacks it.</summary>
        public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();
        /// <summary>Mounts from the daemon's mountinfo, in mount order (a later mount hides an earlier one at the same point).</summary>
        public IReadOnlyList<HostMount> Mounts { get; init; } = Array.Empty<HostMount>();
        public AppArmorFacts AppArmor { get; init; } = new(false, new Dictionary<string, string>(), "");
        /// <summary>The daemon's configuration, unit and TLS files that exist, each with what it is; DH019 judges them.</summary>
        public IReadOnlyList<(FileStat File, DaemonFileKind Kind)> DaemonFiles { get; init; } = Array.Empty<(FileStat, DaemonFileKind)>();
        /// <summary>Files DH019 could not stat, with the reason.</summary>
        public IReadOnlyList<string> DaemonFileErrors { get; init; } = Array.Empty<string>();
    }
}
