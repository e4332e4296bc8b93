using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Views.Daemon
{
    /// <summary>The JSON shapes dockerd decodes daemon.json values into.</summary>
    internal enum JsonShapeKind
    {
        /// <summary>true or false.</summary>
        Bool,
        String,
        /// <summary>A JSON number written as an integer (Go's int and int64 take neither 1.0 nor 1e3).</summary>
        Integer,
        /// <summary>A string that Go's net.ParseIP reads, or "".</summary>
        Ip,
        /// <summary>A string such as "64M" (Go's units.RAMInBytes); not a number, not null.</summary>
        Size,
        Array,
        /// <summary>An object whose every value has one shape (Go map[string]T).</summary>
        Map,
        /// <summary>An object with named fields, matched case-insensitively as Go does; other fields are ignored.</summary>
        Struct,
        /// <summary>Anything: dockerd does not look at the value.</summary>
        Any,
    }

    /// <summary>One JSON shape, with its elements or fields.</summary>
    internal sealed class JsonShape
    {
        private JsonShape(JsonShapeKind kind, string description, JsonShape? element = null, IReadOnlyDictionary<string, JsonShape>? fields = null)
        {
            Kind = kind;
            Description = description;
            Element = element;
            Fields = fields;
        }

        public JsonShapeKind Kind { get; }
        /// <summary>How a message names it: "a boolean (true or false)".</summary>
        public string Description { get; }
        public JsonShape? Element { get; }
        public IReadOnlyDictionary<string, JsonShape>? Fields { get; }

        public static readonly JsonShape Bool = new(JsonShapeKind.Bool, "a boolean (true or false)");
        public static readonly JsonShape String = new(JsonShapeKind.String, "a string");
        public static readonly JsonShape Integer = new(JsonShapeKind.Integer, "an integer");
        public static readonly JsonShape Ip = new(JsonShapeKind.Ip, "an IP address in a string");
        public static readonly JsonShape Size = new(JsonShapeKind.Size, "a size in a string, such as \"64M\"");
        public static readonly JsonShape Any = new(JsonShapeKind.Any, "anything");
        public static readonly JsonShape Strings = ArrayOf(String);

        public static JsonShape ArrayOf(JsonShape element) =>
            new(JsonShapeKind.Array, element == String ? "an array of strings" : $"an array of {Plural(element)}", element);

        public static JsonShape MapOf(JsonShape value) =>
            new(JsonShapeKind.Map, $"an object whose values are {Plural(value)}", value);

        public static JsonShape StructOf(string description, params (string Name, JsonShape Shape)[] fields) =>
            new(JsonShapeKind.Struct, description, fields: fields.ToDictionary(f => f.Name, f => f.Shape, StringComparer.OrdinalIgnoreCase));

        private static string Plural(JsonShape shape) => shape.Kind switch
        {
            JsonShapeKind.Bool => "booleans",
            JsonShapeKind.String => "strings",
            JsonShapeKind.Integer => "integers",
            _ => shape.Description.StartsWith("an ", StringComparison.Ordinal) ? shape.Description.Substring(3) + "s" : shape.Description,
        };
    }

    /// <summary>One daemon.json key of dockerd 20.10: its shape, or why dockerd accepts it and then ignores it.</summary>
    internal sealed record DaemonConfigKey(string Key, JsonShape Shape, string? IgnoredBecause = null)
    {
        /// <summary>dockerd flattens an object under any key except these (daemon/config flatOptions).</summary>
        public bool Flat { get; init; }
    }

    /// <summary>
    /// The keys dockerd 20.10 accepts in daemon.json and the JSON types it decodes them into: the one table the
    /// validator reads. Taken from moby v20.10.24: dockerd refuses a top-level key that is not the long name of one of
    /// its flags, a flag's daemon.json name (NamedOption: "labels" for --label) or one of "features", "builder",
    /// "deprecated-key-path" (daemon/config/config.go findConfigurationConflicts); it then decodes the file into its
    /// Config struct (daemon/config/config.go, config_unix.go, config_common_unix.go, registry ServiceOptions) and
    /// refuses a value of the wrong type. A flag name with no Config field ("insecure-registry") passes and is ignored.
    /// Checked against a real dockerd 20.10 by tests/Test-DaemonHardening.Tests.ps1.
    /// </summary>
    internal static class DaemonConfigSchema
    {
        private static readonly JsonShape Runtime = JsonShape.StructOf("an object with \"path\" and \"runtimeArgs\"",
            ("path", JsonShape.String), ("runtimeArgs", JsonShape.Strings));

        private static readonly JsonShape Ulimit = JsonShape.StructOf("an object with \"Name\", \"Hard\" and \"Soft\"",
            ("Name", JsonShape.String), ("Hard", JsonShape.Integer), ("Soft", JsonShape.Integer));

        private static readonly JsonShape AddressPool = JsonShape.StructOf("an object with \"base\" and \"size\"",
            ("base", JsonShape.String), ("size", JsonShape.Integer));

        private static readonly JsonShape Builder = JsonShape.StructOf("an object with \"gc\" and \"entitlements\"",
            ("GC", JsonShape.StructOf("an object with \"enabled\", \"policy\" and \"defaultKeepStorage\"",
                ("Enabled", JsonShape.Bool),
                ("Policy", JsonShape.ArrayOf(JsonShape.StructOf("an object with \"all\", \"filter\" and \"keepStorage\"",
                    ("All", JsonShape.Bool), ("Filter", JsonShape.Any), ("KeepStorage", JsonShape.String)))),
                ("DefaultKeepStorage", JsonShape.String))),
            ("Entitlements", JsonShape.StructOf("an object with \"network-host\" and \"security-insecure\"",
                ("network-host", JsonShape.Bool), ("security-insecure", JsonShape.Bool))));

        private static DaemonConfigKey B(string key) => new(key, JsonShape.Bool);
        private static DaemonConfigKey S(string key) => new(key, JsonShape.String);
        private static DaemonConfigKey I(string key) => new(key, JsonShape.Integer);
        private static DaemonConfigKey L(string key) => new(key, JsonShape.Strings);
        private static DaemonConfigKey Ip(string key) => new(key, JsonShape.Ip);

        /// <summary>A flag name that is not its daemon.json name: dockerd accepts the key and ignores its value.</summary>
        private static DaemonConfigKey Ignored(string key, string why) => new(key, JsonShape.Any, why);

        private static DaemonConfigKey FlagName(string flag, string key) => Ignored(flag, $"its daemon.json name is \"{key}\"");

        /// <summary>Every key, in the order of dockerd --help.</summary>
        public static readonly IReadOnlyList<DaemonConfigKey> Keys = new[]
        {
            FlagName("add-runtime", "runtimes"),
            L("allow-nondistributable-artifacts"),
            S("api-cors-header"),
            FlagName("authorization-plugin", "authorization-plugins"),
            L("authorization-plugins"),
            S("bip"),
            S("bridge"),
            S("cgroup-parent"),
            S("cluster-advertise"),
            S("cluster-store"),
            FlagName("cluster-store-opt", "cluster-store-opts"),
            new DaemonConfigKey("cluster-store-opts", JsonShape.MapOf(JsonShape.String)) { Flat = true },
            Ignored("config-file", "it names the file on the command line only"),
            S("containerd"),
            S("containerd-namespace"),
            Ignored("containerd-plugins-namespace", "dockerd 20.10 reads the namespace for plugins from no daemon.json key"),
            I("cpu-rt-period"),
            I("cpu-rt-runtime"),
            B("cri-containerd"),
            S("data-root"),
            B("debug"),
            FlagName("default-address-pool", "default-address-pools"),
            new DaemonConfigKey("default-address-pools", JsonShape.ArrayOf(AddressPool)),
            S("default-cgroupns-mode"),
            Ip("default-gateway"),
            Ip("default-gateway-v6"),
            S("default-ipc-mode"),
            S("default-runtime"),
            new DaemonConfigKey("default-shm-size", JsonShape.Size),
            FlagName("default-ulimit", "default-ulimits"),
            new DaemonConfigKey("default-ulimits", JsonShape.MapOf(Ulimit)) { Flat = true },
            S("deprecated-key-path"),
            L("dns"),
            FlagName("dns-opt", "dns-opts"),
            L("dns-opts"),
            L("dns-search"),
            FlagName("exec-opt", "exec-opts"),
            L("exec-opts"),
            S("exec-root"),
            B("experimental"),
            new DaemonConfigKey("features", JsonShape.MapOf(JsonShape.Bool)) { Flat = true },
            new DaemonConfigKey("builder", Builder) { Flat = true },
            S("fixed-cidr"),
            S("fixed-cidr-v6"),
            S("graph"),
            S("group"),
            Ignored("help", "it is a command-line switch only"),
            FlagName("host", "hosts"),
            Ip("host-gateway-ip"),
            L("hosts"),
            B("icc"),
            B("init"),
            S("init-path"),
            FlagName("insecure-registry", "insecure-registries"),
            L("insecure-registries"),
            Ip("ip"),
            B("ip-forward"),
            B("ip-masq"),
            B("ip6tables"),
            B("iptables"),
            B("ipv6"),
            FlagName("label", "labels"),
            L("labels"),
            B("live-restore"),
            S("log-driver"),
            S("log-level"),
            FlagName("log-opt", "log-opts"),
            new DaemonConfigKey("log-opts", JsonShape.MapOf(JsonShape.String)) { Flat = true },
            I("max-concurrent-downloads"),
            I("max-concurrent-uploads"),
            I("max-download-attempts"),
            S("metrics-addr"),
            I("mtu"),
            I("network-control-plane-mtu"),
            I("network-diagnostic-port"),
            B("no-new-privileges"),
            FlagName("node-generic-resource", "node-generic-resources"),
            L("node-generic-resources"),
            I("oom-score-adjust"),
            S("pidfile"),
            B("raw-logs"),
            FlagName("registry-mirror", "registry-mirrors"),
            L("registry-mirrors"),
            Ignored("restart", "the daemon's --restart was replaced by restart policies of containers"),
            B("rootless"),
            new DaemonConfigKey("runtimes", JsonShape.MapOf(Runtime)) { Flat = true },
            S("seccomp-profile"),
            B("selinux-enabled"),
            I("shutdown-timeout"),
            S("storage-driver"),
            FlagName("storage-opt", "storage-opts"),
            L("storage-opts"),
            S("swarm-default-advertise-addr"),
            B("tls"),
            S("tlscacert"),
            S("tlscert"),
            S("tlskey"),
            B("tlsverify"),
            B("userland-proxy"),
            S("userland-proxy-path"),
            S("userns-remap"),
            Ignored("version", "it is a command-line switch only"),
        };

        private static readonly Dictionary<string, DaemonConfigKey> ByKey = Keys.ToDictionary(k => k.Key, StringComparer.Ordinal);

        /// <summary>The key as dockerd matches it (case-sensitive); null when dockerd refuses it.</summary>
        public static DaemonConfigKey? Find(string key) => ByKey.TryGetValue(key, out var found) ? found : null;

        /// <summary>A known key that differs only in case or by one dash or letter, for "did you mean".</summary>
        public static string? Suggest(string key)
        {
            var lower = key.ToLowerInvariant();
            return Keys.Where(k => k.IgnoredBecause is null).Select(k => k.Key)
                .FirstOrDefault(k => k == lower || k == lower.Replace('_', '-') || k == lower + "s" || k + "s" == lower);
        }
    }
}
