using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Rules;

namespace DockerHarden.Views.Compose
{
    /// <summary>What the container rules see of a compose service, plus where each fact was read.</summary>
    internal sealed class ServiceFacts
    {
        public ServiceFacts(ResolvedService service, ContainerFacts container, IReadOnlyDictionary<string, string> unknown,
            IReadOnlyDictionary<string, (string What, int Offset)>? malformed = null)
        {
            Service = service;
            Container = container;
            Unknown = unknown;
            Malformed = malformed ?? new Dictionary<string, (string, int)>();
        }

        public ResolvedService Service { get; }
        public ContainerFacts Container { get; }
        /// <summary>Compose keys whose value holds a variable without a default: key path to the raw value.</summary>
        public IReadOnlyDictionary<string, string> Unknown { get; }
        /// <summary>
        /// Keys whose shape compose rejects (a mapping where a list is expected, a list where a value is expected...):
        /// key path to what is wrong and where. Rules that read them cannot be judged, and repairs leave them alone.
        /// </summary>
        public IReadOnlyDictionary<string, (string What, int Offset)> Malformed { get; }

        /// <summary>The malformed keys that a rule reading <paramref name="key"/> depends on (the key, its parents, its children).</summary>
        public IEnumerable<string> MalformedFor(string key) => MalformedEntries(key).Select(m => m.What);

        /// <summary>Where the first malformed key a rule reading <paramref name="key"/> depends on starts, or null.</summary>
        public int? MalformedOffset(string key) => MalformedEntries(key).Select(m => (int?)m.Offset).FirstOrDefault();

        private IEnumerable<(string What, int Offset)> MalformedEntries(string key) =>
            Malformed.Where(m => m.Key == key || key.StartsWith(m.Key + ".", StringComparison.Ordinal) ||
                m.Key.StartsWith(key + ".", StringComparison.Ordinal)).Select(m => m.Value);
    }

    /// <summary>
    /// Maps a resolved compose service onto the same <see cref="ContainerFacts"/> the container rules read, so the
    /// rules are reused as they are. An absent key means the engine default (no limit, no user, default caps...).
    /// </summary>
    internal sealed class ComposeFactsBuilder
    {
        private readonly ResolvedNode _svc;
        private readonly Dictionary<string, string> _unknown = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string What, int Offset)> _malformed = new(StringComparer.Ordinal);
        private readonly bool _version1;

        private ComposeFactsBuilder(ResolvedNode service, bool version1)
        {
            _svc = service;
            _version1 = version1;
        }

        public static ServiceFacts Build(ResolvedService service, ComposeProject project)
        {
            var b = new ComposeFactsBuilder(service.Value, service.Version1);
            var memory = b.Bytes("mem_limit") ?? b.Bytes("deploy.resources.limits.memory") ?? 0;
            var swapBytes = b.Bytes("memswap_limit");
            // Given only a memory limit, the engine allows as much swap again (memory+swap = 2x memory).
            long swap = b.Scalar("memswap_limit") is null ? (memory > 0 ? memory * 2 : 0) : swapBytes ?? 0;
            var (networkMode, networks) = b.Networks(project);
            var (restart, retries) = b.Restart();
            var container = new ContainerFacts
            {
                Id = service.Name,
                Name = service.Name,
                Image = b.Scalar("image") ?? "",
                State = "compose",
                // A variable in the group part ("0:${GID}") leaves the uid, which decides DH101, as written.
                User = b.Scalar("user") is { } user ? (b._unknown.TryGetValue("user", out var raw) ? raw : user) : "",
                Privileged = b.Bool("privileged"),
                CapAdd = b.List("cap_add"),
                CapDrop = b.List("cap_drop"),
                Mounts = b.Mounts(),
                Devices = b.Devices(),
                DeviceCgroupRules = b.List("device_cgroup_rules"),
                NetworkMode = networkMode,
                Networks = networks,
                PortBindings = b.Ports(),
                PidMode = ServiceToContainer(b.Scalar("pid") ?? ""),
                IpcMode = ServiceToContainer(b.Scalar("ipc") ?? ""),
                UtsMode = b.Scalar("uts") ?? "",
                UsernsMode = b.Scalar("userns_mode") ?? "",
                CgroupParent = b.Scalar("cgroup_parent") ?? "",
                Memory = memory,
                MemorySwap = swap,
                NanoCpus = b.Cpus("cpus") ?? b.Cpus("deploy.resources.limits.cpus") ?? 0,
                CpuQuota = b.Number("cpu_quota") ?? 0,
                CpuPeriod = b.Number("cpu_period") ?? 0,
                CpuShares = b.Number("cpu_shares") ?? 0,
                PidsLimit = b.Number("pids_limit") ?? b.Number("deploy.resources.limits.pids"),
                ReadonlyRootfs = b.Bool("read_only"),
                StorageOpt = b.Map("storage_opt"),
                SecurityOpt = b.List("security_opt"),
                LogDriver = b.Scalar("logging.driver") ?? "",
                LogOptions = b.Map("logging.options"),
                HealthcheckTest = b.Healthcheck(),
                RestartPolicy = restart,
                RestartMaxRetries = retries,
                Environment = b.Environment(),
            };
            b.CheckTmpfs();
            return new ServiceFacts(service, container, b._unknown, b._malformed);
        }

        private string? Scalar(string path)
        {
            var node = Find(path);
            if (node is null || node.IsNull)
            {
                return null;
            }

            if (node.Kind != YamlNodeKind.Scalar)
            {
                Malformed(path, node, "a single value");
                return null;
            }

            return Interpolate(path, node.Raw);
        }

        // The node at a dotted path; a parent that is neither a mapping nor null is a shape compose rejects.
        private ResolvedNode? Find(string path)
        {
            ResolvedNode? current = _svc;
            var parts = path.Split('.');
            for (int i = 0; i < parts.Length && current is not null; i++)
            {
                if (current.Kind != YamlNodeKind.Mapping)
                {
                    if (!current.IsNull)
                    {
                        Malformed(string.Join(".", parts.Take(i)), current, "a mapping");
                    }

                    return null;
                }

                current = current[parts[i]];
            }

            return current;
        }

        // Values are never quoted here: a wrong-typed value may be a secret.
        private void Malformed(string path, ResolvedNode node, string expected)
        {
            if (_malformed.ContainsKey(path))
            {
                return;
            }

            var shape = node.Kind switch
            {
                YamlNodeKind.Mapping => "a mapping",
                YamlNodeKind.Sequence => "a list",
                _ => "a single value",
            };
            var at = node.Key ?? node.Node;
            _malformed[path] = ($"{path} is {shape} where compose expects {expected} ({node.File}:{at.Line}:{at.Column})", at.Start);
        }

        // A value of the right shape that compose (or the engine) still refuses: the rules reading it cannot be judged.
        private void Invalid(string path, ResolvedNode node, string what)
        {
            if (_malformed.ContainsKey(path))
            {
                return;
            }

            var at = node.Key ?? node.Node;
            _malformed[path] = ($"{path} {what} ({node.File}:{at.Line}:{at.Column})", at.Start);
        }

        // The items of a list key, each a scalar; anything else is recorded as malformed and left out.
        private IReadOnlyList<ResolvedNode> Items(string path, bool mappingItems = false)
        {
            var node = Find(path);
            if (node is null || node.IsNull)
            {
                return Array.Empty<ResolvedNode>();
            }

            if (node.Kind != YamlNodeKind.Sequence)
            {
                Malformed(path, node, "a list");
                return Array.Empty<ResolvedNode>();
            }

            var result = new List<ResolvedNode>();
            foreach (var item in node.Items)
            {
                if (item.Kind == YamlNodeKind.Scalar || mappingItems && item.Kind == YamlNodeKind.Mapping)
                {
                    result.Add(item);
                }
                else
                {
                    Malformed(path, item, mappingItems ? "a list of strings or mappings" : "a list of strings");
                }
            }

            return result;
        }

        private string Interpolate(string path, string raw)
        {
            var value = Interpolation.Apply(raw);
            if (!value.Known)
            {
                _unknown[path] = raw;
            }

            return value.Value;
        }

        // tmpfs is not a rule's fact, but the DH119 repair adds /tmp to it: a string or a list of strings.
        private void CheckTmpfs()
        {
            if (_svc["tmpfs"] is { Kind: not YamlNodeKind.Scalar })
            {
                Items("tmpfs");
            }
        }

        // Type-invalid values are findings, never a silent default: "mem_limit: lots" is not "no limit", and
        // "privileged: maybe" is not "false". A value known only at run time is the Unknown reading instead.
        private long? Bytes(string path) => Typed(path, ComposeValues.ParseBytes, "is not a byte size (such as 256m or 1g); the engine refuses it");

        private bool Bool(string path)
        {
            var value = Scalar(path);
            if (value is null || ComposeValues.IsTrue(value))
            {
                return value is not null;
            }

            if (!ComposeValues.IsFalse(value) && Checkable(path, value))
            {
                Invalid(path, Find(path)!, "is not a boolean (true or false); docker-compose rejects it");
            }

            return false;
        }

        private long? Number(string path) => Typed(path, ComposeValues.ParseLong, "is not a whole number; the engine refuses it");

        private long? Cpus(string path) => Typed(path, ComposeValues.ParseNanoCpus, "is not a number of CPUs (such as 0.5 or 2); docker-compose rejects it");

        private long? Typed(string path, Func<string, long?> parse, string what)
        {
            var value = Scalar(path);
            if (value is null)
            {
                return null;
            }

            var parsed = parse(value);
            if (parsed is null && Checkable(path, value))
            {
                Invalid(path, Find(path)!, what);
            }

            return parsed;
        }

        private bool Checkable(string path, string value) => value.Trim().Length > 0 && !_unknown.ContainsKey(path);

        private IReadOnlyList<string> List(string path) => Items(path).Select(i => Interpolate(path, i.Raw)).ToList();

        private IReadOnlyDictionary<string, string> Map(string path)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            var node = Find(path);
            if (node is null || node.IsNull)
            {
                return result;
            }

            if (node.Kind != YamlNodeKind.Mapping)
            {
                Malformed(path, node, "a mapping");
                return result;
            }

            foreach (var entry in node.Entries)
            {
                if (entry.Value.Kind == YamlNodeKind.Scalar)
                {
                    result[entry.Key] = Interpolate(path, entry.Value.IsNull ? "" : entry.Value.Raw);
                }
                else
                {
                    Malformed(path, entry.Value, "a mapping of single values");
                }
            }

            return result;
        }

        private IReadOnlyList<MountFact> Mounts()
        {
            var result = new List<MountFact>();
            foreach (var item in Items("volumes", mappingItems: true))
            {
                if (item.Kind == YamlNodeKind.Scalar)
                {
                    result.Add(ShortVolume(Interpolate("volumes", item.Raw), item.File));
                }
                else if (item.Kind == YamlNodeKind.Mapping)
                {
                    string Get(string k) => item.At(k) is { Kind: YamlNodeKind.Scalar } v ? Interpolate("volumes", v.Raw) : "";
                    var type = Get("type");
                    var source = Get("source");
                    result.Add(new MountFact
                    {
                        Type = type.Length == 0 ? "volume" : type,
                        Source = type == "bind" ? HostPath(source, item.File) : source,
                        Destination = Get("target"),
                        ReadWrite = !ComposeValues.IsTrue(Get("read_only")),
                        Propagation = Get("bind.propagation"),
                    });
                }
            }

            return result;
        }

        // "SRC:DST[:OPTS]" where SRC is a path (bind) or a volume name; "DST" alone is an anonymous volume.
        private static MountFact ShortVolume(string spec, string file)
        {
            var parts = spec.Split(':');
            if (parts.Length == 1)
            {
                return new MountFact { Type = "volume", Destination = parts[0] };
            }

            var source = parts[0];
            var options = parts.Length > 2 ? parts[2].Split(',') : Array.Empty<string>();
            bool bind = source.StartsWith("/", StringComparison.Ordinal) || source.StartsWith(".", StringComparison.Ordinal) ||
                source.StartsWith("~", StringComparison.Ordinal);
            return new MountFact
            {
                Type = bind ? "bind" : "volume",
                Source = bind ? HostPath(source, file) : source,
                Destination = parts[1],
                ReadWrite = !options.Contains("ro"),
                Propagation = options.FirstOrDefault(o => o.EndsWith("shared", StringComparison.Ordinal) ||
                    o.EndsWith("slave", StringComparison.Ordinal) || o.EndsWith("private", StringComparison.Ordinal)) ?? "",
            };
        }

        // Relative bind sources are relative to the compose file's folder; the rules judge the absolute path.
        private static string HostPath(string source, string file)
        {
            if (!source.StartsWith(".", StringComparison.Ordinal))
            {
                return source;
            }

            var dir = System.IO.Path.GetDirectoryName(file) ?? "";
            return dir.Length == 0 ? source : dir.TrimEnd('/') + "/" + source;
        }

        private IReadOnlyList<DeviceFact> Devices()
        {
            var result = new List<DeviceFact>();
            foreach (var item in Items("devices", mappingItems: true))
            {
                if (item.Kind == YamlNodeKind.Scalar)
                {
                    var parts = Interpolate("devices", item.Raw).Split(':');
                    result.Add(new DeviceFact
                    {
                        PathOnHost = parts[0],
                        PathInContainer = parts.Length > 1 ? parts[1] : parts[0],
                        CgroupPermissions = parts.Length > 2 ? parts[2] : "",
                    });
                }
                else if (item.Kind == YamlNodeKind.Mapping)
                {
                    string Get(string k) => item[k] is { Kind: YamlNodeKind.Scalar } v ? Interpolate("devices", v.Raw) : "";
                    result.Add(new DeviceFact { PathOnHost = Get("source"), PathInContainer = Get("target"), CgroupPermissions = Get("permissions") });
                }
            }

            return result;
        }

        private IReadOnlyList<PortBindingFact> Ports()
        {
            var result = new List<PortBindingFact>();
            foreach (var item in Items("ports", mappingItems: true))
            {
                if (item.Kind == YamlNodeKind.Scalar)
                {
                    var spec = PortSyntax.Parse(Interpolate("ports", item.Raw));
                    if (spec.Problem is { } problem)
                    {
                        Invalid("ports", item, "entry " + problem);
                    }

                    result.Add(new PortBindingFact { ContainerPort = spec.ContainerKey, HostIp = spec.HostIp, HostPort = spec.HostPort });
                }
                else if (item.Kind == YamlNodeKind.Mapping)
                {
                    string Get(string k) => item[k] is { Kind: YamlNodeKind.Scalar } v && !v.IsNull ? Interpolate("ports", v.Raw) : "";
                    var protocol = Get("protocol");
                    result.Add(new PortBindingFact
                    {
                        ContainerPort = Get("target") + "/" + (protocol.Length == 0 ? "tcp" : protocol),
                        HostIp = Get("host_ip"),
                        HostPort = Get("published"),
                    });
                }
            }

            return result;
        }

        // A bare container port is still published (on an ephemeral host port, all interfaces).
        internal static PortBindingFact ShortPort(string spec)
        {
            var p = PortSyntax.Parse(spec);
            return new PortBindingFact { ContainerPort = p.ContainerKey, HostIp = p.HostIp, HostPort = p.HostPort };
        }

        private (string Mode, IReadOnlyList<string> Networks) Networks(ComposeProject project)
        {
            string NameOf(string key) => project.NetworkNames.TryGetValue(key, out var n) ? n : project.Name + "_" + key;
            // docker-compose 1.x runs version-1 services on the default bridge unless net: says otherwise.
            var mode = Scalar("network_mode") ?? (_version1 ? "bridge" : null);
            if (mode is not null)
            {
                var m = ServiceToContainer(mode);
                return m.ToLowerInvariant() switch
                {
                    "bridge" or "default" => (m, new[] { "bridge" }),
                    "host" or "none" => (m, Array.Empty<string>()),
                    _ when m.StartsWith("container:", StringComparison.OrdinalIgnoreCase) => (m, Array.Empty<string>()),
                    _ => (m, new[] { m }),
                };
            }

            var node = _svc["networks"];
            var keys = node?.Kind == YamlNodeKind.Mapping
                ? node.Entries.Select(e => e.Key).ToList()
                : Items("networks").Select(i => Interpolate("networks", i.Raw)).ToList();
            if (keys.Count == 0)
            {
                keys.Add("default");
            }

            var names = keys.Select(NameOf).ToList();
            return (names[0], names);
        }

        private (string Policy, long Retries) Restart()
        {
            var restart = Scalar("restart");
            if (restart is not null)
            {
                var parts = restart.Split(':');
                return (parts[0], parts.Length > 1 ? ComposeValues.ParseLong(parts[1]) ?? 0 : 0);
            }

            var condition = Scalar("deploy.restart_policy.condition");
            if (condition is null)
            {
                // Swarm's default condition is "any"; plain compose applies deploy.restart_policy only when it is written.
                return _svc.At("deploy.restart_policy") is null ? ("", 0) : ("always", 0);
            }

            var attempts = ComposeValues.ParseLong(Scalar("deploy.restart_policy.max_attempts") ?? "") ?? 0;
            return condition switch
            {
                "none" => ("no", 0),
                "on-failure" => ("on-failure", attempts),
                _ => attempts > 0 ? ("on-failure", attempts) : ("always", 0),
            };
        }

        private IReadOnlyList<string> Healthcheck()
        {
            var hc = _svc["healthcheck"];
            if (hc is null || hc.IsNull)
            {
                return Array.Empty<string>();
            }

            if (hc.Kind != YamlNodeKind.Mapping)
            {
                Malformed("healthcheck", hc, "a mapping");
                return Array.Empty<string>();
            }

            if (Scalar("healthcheck.disable") is { } disable && ComposeValues.IsTrue(disable))
            {
                return new[] { "NONE" };
            }

            var test = hc["test"];
            if (test is null)
            {
                return Array.Empty<string>();
            }

            if (test.Kind == YamlNodeKind.Scalar)
            {
                return new[] { "CMD-SHELL", test.Raw };
            }

            return Items("healthcheck.test").Select(i => i.Raw).ToList();
        }

        // Names only: a value is never kept, only whether a non-empty literal (or default) is written in the file.
        private IReadOnlyList<EnvVarFact> Environment()
        {
            var node = _svc["environment"];
            var result = new List<EnvVarFact>();
            if (node?.Kind == YamlNodeKind.Mapping)
            {
                foreach (var entry in node.Entries)
                {
                    if (entry.Value.Kind != YamlNodeKind.Scalar)
                    {
                        Malformed("environment", entry.Value, "a mapping of single values");
                    }

                    result.Add(Env(entry.Key, entry.Value.IsNull || entry.Value.Kind != YamlNodeKind.Scalar ? "" : entry.Value.Raw));
                }
            }
            else if (node is not null && !node.IsNull)
            {
                foreach (var item in Items("environment"))
                {
                    int eq = item.Raw.IndexOf('=');
                    result.Add(eq < 0 ? new EnvVarFact { Name = item.Raw, Shape = EnvValueShape.None } : Env(item.Raw.Substring(0, eq), item.Raw.Substring(eq + 1)));
                }
            }

            return result;
        }

        // A variable without a default is no literal: the value comes from the shell that runs compose.
        private static EnvVarFact Env(string name, string raw)
        {
            var value = Interpolation.Apply(raw);
            return value.Known ? EnvVarFact.Of(name, value.Value) : new EnvVarFact { Name = name, Shape = EnvValueShape.None };
        }

        // "service:NAME" is compose's spelling of the engine's "container:NAME".
        private static string ServiceToContainer(string mode) =>
            mode.StartsWith("service:", StringComparison.OrdinalIgnoreCase) ? "container:" + mode.Substring(8) : mode;
    }
}
