using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Rules;

namespace DockerHarden.Tests
{
    /// <summary>Canned daemon facts: a local, root engine with defaults, so each test states only what it is about.</summary>
    internal static class GivenDaemon
    {
        public static DaemonEngineFacts Engine(
            IReadOnlyList<string>? securityOptions = null,
            string endpoint = "unix:///var/run/docker.sock",
            bool usesTls = false,
            string loggingDriver = "json-file",
            string dockerRootDir = "/var/lib/docker",
            bool liveRestore = false,
            bool experimental = false,
            IReadOnlyList<string>? authz = null,
            IReadOnlyList<string>? insecureCidrs = null,
            IReadOnlyList<string>? insecureNames = null,
            BridgeNetworkFacts? bridge = null,
            bool noBridge = false) =>
            new()
            {
                Endpoint = endpoint,
                EndpointUsesTls = usesTls,
                ServerVersion = "20.10.24",
                SecurityOptions = securityOptions ?? new[] { "name=seccomp,profile=default" },
                LoggingDriver = loggingDriver,
                DockerRootDir = dockerRootDir,
                LiveRestoreEnabled = liveRestore,
                ExperimentalBuild = experimental,
                AuthorizationPlugins = authz ?? Array.Empty<string>(),
                InsecureRegistryCidrs = insecureCidrs ?? new[] { "127.0.0.0/8" },
                InsecureRegistryNames = insecureNames ?? Array.Empty<string>(),
                DefaultBridge = noBridge ? null : bridge ?? Bridge(icc: "true"),
            };

        public static BridgeNetworkFacts Bridge(string icc) => new()
        {
            Options = new Dictionary<string, string>
            {
                ["com.docker.network.bridge.enable_icc"] = icc,
                ["com.docker.network.bridge.name"] = "docker0",
            },
        };

        /// <summary>Settings as if read from daemon.json; "k=v" pairs, values split on '|' for lists.</summary>
        public static DaemonConfigFacts Config(params (string Key, string Value)[] settings) => new()
        {
            Path = "/etc/docker/daemon.json",
            PathSource = "test",
            Exists = true,
            Settings = new DaemonSettings(settings.Select(s => new DaemonSetting(s.Key, s.Value.Split('|'), "/etc/docker/daemon.json"))),
        };

        public static HostFacts Host(
            GroupFacts? group = null,
            FileStat? socket = null,
            IReadOnlyDictionary<string, string>? sysctls = null,
            IReadOnlyList<HostMount>? mounts = null,
            AppArmorFacts? appArmor = null,
            IReadOnlyList<(FileStat, DaemonFileKind)>? files = null,
            int? daemonUid = 0) => new()
            {
                DockerGroup = group ?? new GroupFacts("docker", true, Array.Empty<string>(), "/etc/group"),
                Socket = socket ?? Stat("/run/docker.sock", 0, 998, "root", "docker", 0b110_110_000),
                Sysctls = sysctls ?? new Dictionary<string, string>(),
                Mounts = mounts ?? new[] { new HostMount("/", "254:0", "ext4", "/dev/vda") },
                AppArmor = appArmor ?? new AppArmorFacts(false, new Dictionary<string, string>(), "/sys/module/apparmor/parameters/enabled is missing"),
                DaemonFiles = files ?? Array.Empty<(FileStat, DaemonFileKind)>(),
                DaemonUid = daemonUid,
            };

        public static FileStat Stat(string path, int uid, int gid, string owner, string group, int mode) =>
            new(path, uid, gid, owner, group, mode, false);

        public static DaemonFacts State(DaemonEngineFacts? engine = null, DaemonConfigFacts? config = null, HostFacts? host = null, bool remote = false) =>
            new()
            {
                Engine = engine ?? Engine(),
                Config = config ?? Config(),
                Host = remote ? null : host ?? Host(),
                HostUnavailableReason = remote ? "the engine at tcp://h:2376 is remote: host files cannot be read from here" : "",
            };

        public static RuleOutcome Run<TRule>(DaemonFacts facts, params string[] allowedUsers) where TRule : DaemonRule, new() =>
            new TRule().Evaluate(new DaemonContext(facts, allowedUsers));
    }
}
