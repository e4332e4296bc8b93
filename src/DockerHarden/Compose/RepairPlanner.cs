using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Container;

namespace DockerHarden.Compose
{
    /// <summary>What Repair-ComposeFile may change, and the values it writes (a record: -Verify derives per-service options with <c>with</c>).</summary>
    internal sealed record RepairOptions
    {
        /// <summary>Rules fixed by default: they do not change what the application can reach or store.</summary>
        public static readonly IReadOnlyList<string> SafeRules = new[]
        {
            "DH102", "DH103", "DH104", "DH111", "DH112", "DH113", "DH114", "DH115", "DH116", "DH117", "DH118", "DH119",
            "DH121", "DH122", "DH123",
        };

        /// <summary>Rules that change connectivity or data: fixed only when named in -Rule.</summary>
        public static readonly IReadOnlyList<string> DecisionRules = new[] { "DH101", "DH105", "DH106", "DH108", "DH126", "DH132" };

        /// <summary>The rules to fix.</summary>
        public IReadOnlyCollection<string> Fix { get; init; } = SafeRules;
        /// <summary>Decision rules that were selected only by a wildcard: reported as needing a decision.</summary>
        public IReadOnlyCollection<string> NeedDecision { get; init; } = DecisionRules;
        public IReadOnlyCollection<string> KeepCapability { get; init; } = Array.Empty<string>();
        public string Memory { get; init; } = "256m";
        public string Cpus { get; init; } = "1.0";
        public long PidsLimit { get; init; } = 100;
        public string User { get; init; } = "10001:10001";
        public string BindAddress { get; init; } = "127.0.0.1";
    }

    /// <summary>
    /// Decides the fix of each broken rule of one service and hands it to the <see cref="ServiceEditor"/>. Returns the
    /// rules it claims to fix, which the repairer checks by re-auditing the edited text. Pure.
    /// </summary>
    internal sealed class RepairPlanner
    {
        private readonly ServiceAudit _audit;
        private readonly ServiceEditor _editor;
        private readonly RepairOptions _options;
        private readonly ResolvedNode _svc;
        private readonly HashSet<string> _claims = new(StringComparer.Ordinal);

        private RepairPlanner(ServiceAudit audit, ServiceEditor editor, RepairOptions options)
        {
            _audit = audit;
            _editor = editor;
            _options = options;
            _svc = audit.Facts.Service.Value;
        }

        public static IReadOnlyCollection<string> Plan(ServiceAudit audit, ServiceEditor editor, RepairOptions options)
        {
            var planner = new RepairPlanner(audit, editor, options);
            planner.Run();
            return planner._claims;
        }

        private bool Wants(string rule) => _options.Fix.Contains(rule) && _audit.Broken(rule);

        private void Run()
        {
            foreach (var rule in _options.NeedDecision.Where(_audit.Broken))
            {
                _editor.Skip(rule, $"needs a decision: the fix changes what the service can reach or store; run with -Rule {rule} to apply it");
            }

            var broken = _options.Fix.Where(_audit.Broken).ToList();
            if (broken.Count == 0)
            {
                return;
            }

            if (_audit.Facts.Service.Via.Length > 0)
            {
                foreach (var rule in broken)
                {
                    _editor.Skip(rule, $"the service comes through the merge key (<<) of {_audit.Facts.Service.Via}, so its text is the anchor's; " +
                        "fix the anchored definition or write the service out under services:");
                }

                return;
            }

            if (_audit.Facts.Service.ValueNode.Kind == YamlNodeKind.Alias)
            {
                foreach (var rule in broken)
                {
                    _editor.Skip(rule, $"the service is only an alias (*{_audit.Facts.Service.ValueNode.Value}); fix the anchored definition or write the service out");
                }

                return;
            }

            foreach (var rule in broken.Where(Malformed))
            {
                var what = ComposeRuleKeys.For(rule).SelectMany(_audit.Facts.MalformedFor).Distinct();
                var at = ComposeRuleKeys.For(rule).Select(_audit.Facts.MalformedOffset).FirstOrDefault(o => o is not null);
                _editor.Skip(rule, $"shape not understood: {string.Join("; ", what)}; not rewritten", at);
            }

            foreach (var rule in broken.Where(r => Unknown(r) && !Malformed(r)))
            {
                var keys = ComposeRuleKeys.For(rule).Where(_audit.Facts.Unknown.ContainsKey).Select(k => $"{k} is '{_audit.Facts.Unknown[k]}'");
                _editor.Skip(rule, $"{string.Join(", ", keys)}: a variable without a default decides the rule; not rewritten");
            }

            var c = _audit.Facts.Container;
            bool privilegedStays = c.Privileged && !Wants("DH104");
            Claim("DH104", () => _editor.RemoveKey("privileged", "DH104", "false"));
            if (privilegedStays)
            {
                foreach (var rule in new[] { "DH102", "DH103", "DH123" }.Where(Wants))
                {
                    _editor.Skip(rule, "privileged: true grants everything regardless; fix DH104 first");
                }
            }
            else
            {
                Capabilities();
                SecurityOptions();
            }

            Claim("DH111", () => _editor.RemoveKey("pid", "DH111", null));
            Claim("DH112", () => _editor.RemoveKey("ipc", "DH112", "private"));
            Claim("DH113", () => _editor.RemoveKey("uts", "DH113", null));
            Claim("DH114", () => _editor.RemoveKey("userns_mode", "DH114", null));
            Claim("DH115", () => _editor.RemoveKey("cgroup_parent", "DH115", null));
            Claim("DH108", () => _editor.RemoveKey("network_mode", "DH108", null));
            Claim("DH101", () => _editor.SetScalar("user", _options.User, "DH101", ScalarWrite.Quoted));
            Limits();
            Claim("DH121", () => _editor.SetScalar("pids_limit", _options.PidsLimit.ToString(CultureInfo.InvariantCulture), "DH121", ScalarWrite.Verbatim));
            ReadOnly();
            Mounts();
            Ports();
        }

        // Only a rule whose status is not decided by an unknown variable is touched.
        private void Claim(string rule, Func<bool> fix)
        {
            if (!Wants(rule) || Unknown(rule))
            {
                return;
            }

            if (fix())
            {
                _claims.Add(rule);
            }
        }

        // Unknown: a variable without a default decides the rule, or a key it reads has a shape compose rejects.
        private bool Unknown(string rule) => ComposeRuleKeys.For(rule).Any(_audit.Facts.Unknown.ContainsKey) || Malformed(rule);

        private bool Malformed(string rule) => ComposeRuleKeys.For(rule).Any(k => _audit.Facts.MalformedFor(k).Any());

        private void Capabilities()
        {
            var c = _audit.Facts.Container;
            bool dropAll = Capabilities_ContainsAll(c.CapDrop);
            // DH102 also fails for a privileged service that already drops ALL: removing privileged (DH104) fixes that.
            if (Wants("DH102") && !Unknown("DH102") && !dropAll)
            {
                _editor.Sequence("cap_drop").Append(Rules.Capabilities.All, "DH102");
                dropAll = true;
            }

            if (Wants("DH102") && !Unknown("DH102"))
            {
                _claims.Add("DH102");
            }

            if (!Wants("DH103") || Unknown("DH103"))
            {
                return;
            }

            var keep = new HashSet<string>(_options.KeepCapability.Select(Rules.Capabilities.Normalize), StringComparer.Ordinal);
            var intent = _editor.Sequence("cap_add");
            var kept = new List<string>();
            foreach (var item in intent.Entries.Where(i => i.Kind == YamlNodeKind.Scalar))
            {
                var cap = Rules.Capabilities.Normalize(item.Raw);
                bool sensitive = Rules.Capabilities.IsSensitive(cap);
                if (!sensitive)
                {
                    continue;
                }

                if (keep.Contains(cap))
                {
                    kept.Add(cap);
                }
                else
                {
                    intent.Remove(item, "DH103");
                }
            }

            if (kept.Count > 0)
            {
                _editor.Skip("DH103", $"still fails: {string.Join(", ", kept)} kept by -KeepCapability");
            }
            else if (!dropAll)
            {
                _editor.Skip("DH103", "the default capability set stays sensitive until cap_drop: [ALL] (DH102) is applied");
            }
            else
            {
                _claims.Add("DH103");
            }
        }

        private static bool Capabilities_ContainsAll(IEnumerable<string> drops) => Rules.Capabilities.ContainsAll(drops);

        private void SecurityOptions()
        {
            var intent = _editor.Sequence("security_opt");
            if (Wants("DH123") && !Unknown("DH123"))
            {
                foreach (var item in intent.Entries.Where(i => i.Kind == YamlNodeKind.Scalar))
                {
                    if (SecurityOpts.Values(new[] { item.Raw }, "seccomp").Any(v => string.Equals(v, "unconfined", StringComparison.OrdinalIgnoreCase)))
                    {
                        intent.Remove(item, "DH123");
                    }
                }

                _claims.Add("DH123");
            }

            if (Wants("DH132") && !Unknown("DH132"))
            {
                foreach (var item in intent.Entries.Where(i => i.Kind == YamlNodeKind.Scalar))
                {
                    if (SecurityOpts.Values(new[] { item.Raw }, "label").Any(v => string.Equals(v, "disable", StringComparison.OrdinalIgnoreCase)))
                    {
                        intent.Remove(item, "DH132");
                    }
                }

                _claims.Add("DH132");
            }

            if (Wants("DH122") && !Unknown("DH122"))
            {
                bool replaced = false;
                foreach (var item in intent.Entries.Where(i => i.Kind == YamlNodeKind.Scalar))
                {
                    if (SecurityOpts.Values(new[] { item.Raw }, "no-new-privileges").Count > 0 && !intent.Removes.Contains(item))
                    {
                        var sep = item.Raw.Contains('=', StringComparison.Ordinal) ? "=" : ":";
                        intent.Replace(item, "no-new-privileges" + sep + "true", "DH122");
                        replaced = true;
                    }
                }

                if (!replaced)
                {
                    intent.Append("no-new-privileges:true", "DH122");
                }

                _claims.Add("DH122");
            }
        }

        private void Limits()
        {
            var c = _audit.Facts.Container;
            var limits = _svc.At("deploy.resources.limits");
            bool deployStyle = limits is not null && limits.Local && limits.Kind == YamlNodeKind.Mapping;
            string? memoryText = MemorySource();
            if (Wants("DH116") && !Unknown("DH116") && c.Memory <= 0)
            {
                bool done = deployStyle
                    ? _editor.SetIn(limits!, "memory", _options.Memory, "DH116", "deploy.resources.limits.memory")
                    : _editor.SetScalar("mem_limit", _options.Memory, "DH116");
                if (done)
                {
                    _claims.Add("DH116");
                    memoryText = _options.Memory;
                }
            }

            if (Wants("DH117") && !Unknown("DH117"))
            {
                if (memoryText is null)
                {
                    _editor.Skip("DH117", "needs a memory limit first (DH116)");
                }
                else if (_editor.SetScalar("memswap_limit", memoryText, "DH117"))
                {
                    _claims.Add("DH117");
                }
            }

            if (Wants("DH118") && !Unknown("DH118"))
            {
                bool done = deployStyle
                    ? _editor.SetIn(limits!, "cpus", _options.Cpus, "DH118", "deploy.resources.limits.cpus", ScalarWrite.Quoted)
                    : _editor.SetScalar("cpus", _options.Cpus, "DH118");
                if (done)
                {
                    _claims.Add("DH118");
                }
            }
        }

        // The memory limit as written (a known ${VAR:-default} is copied, so memswap stays equal at run time).
        private string? MemorySource()
        {
            var node = _svc["mem_limit"] ?? _svc.At("deploy.resources.limits.memory");
            return node is not null && node.Kind == YamlNodeKind.Scalar && !node.IsNull && _audit.Facts.Container.Memory > 0 ? node.Raw : null;
        }

        private void ReadOnly()
        {
            if (!Wants("DH119") || Unknown("DH119"))
            {
                return;
            }

            if (_audit.Facts.MalformedFor("tmpfs").FirstOrDefault() is { } badTmpfs)
            {
                _editor.Skip("DH119", $"shape not understood: {badTmpfs}; read_only needs a writable /tmp there, not rewritten",
                    _audit.Facts.MalformedOffset("tmpfs"));
                return;
            }

            var tmpfs = _editor.Sequence("tmpfs");
            bool hasTmp = tmpfs.Entries.Any(e => e.Kind == YamlNodeKind.Scalar && e.Raw.Split(':')[0].TrimEnd('/') == "/tmp") ||
                _audit.Facts.Container.Mounts.Any(m => m.Destination.TrimEnd('/') == "/tmp");
            // A read-only root without a writable /tmp breaks most programs: both keys, or neither.
            if (!hasTmp && !_editor.CanWrite("tmpfs", "DH119"))
            {
                return;
            }

            if (!_editor.SetScalar("read_only", "true", "DH119", ScalarWrite.Verbatim))
            {
                return;
            }

            _claims.Add("DH119");
            if (!hasTmp)
            {
                tmpfs.Append("/tmp", "DH119");
            }
        }

        private void Mounts()
        {
            bool sensitive = Wants("DH105") && !Unknown("DH105");
            bool socket = Wants("DH106") && !Unknown("DH106");
            if (!sensitive && !socket)
            {
                return;
            }

            var intent = _editor.Sequence("volumes");
            var entries = intent.Entries.ToList();
            var mounts = _audit.Facts.Container.Mounts;
            // Mounts are read from the entries in order, one per entry.
            for (int i = 0; i < entries.Count && i < mounts.Count; i++)
            {
                var m = mounts[i];
                bool isSocket = NoDockerSocketMount.IsEngineSocket(m.Source);
                bool isSensitive = m.Type == "bind" && NoSensitiveHostMounts.Classify(m.Source) is not null;
                if (isSocket && socket)
                {
                    intent.Remove(entries[i], "DH106");
                }
                else if (isSensitive && sensitive)
                {
                    intent.Remove(entries[i], "DH105");
                }
            }

            if (sensitive)
            {
                _claims.Add("DH105");
            }

            if (socket)
            {
                _claims.Add("DH106");
            }
        }

        private void Ports()
        {
            if (!Wants("DH126") || Unknown("DH126"))
            {
                return;
            }

            var intent = _editor.Sequence("ports");
            bool unfixable = false;
            foreach (var item in intent.Entries)
            {
                if (item.Kind == YamlNodeKind.Scalar)
                {
                    var port = ComposeFactsBuilder.ShortPort(item.Raw);
                    if (AllInterfaces(port.HostIp))
                    {
                        var spec = item.Raw.Trim();
                        var rest = port.HostIp.Length == 0 ? spec : spec.Substring(spec.IndexOf(':', spec.StartsWith("[", StringComparison.Ordinal) ? spec.IndexOf(']') : 0) + 1);
                        var colons = rest.Split('/')[0].Count(ch => ch == ':');
                        intent.Replace(item, _options.BindAddress + ":" + (colons == 0 ? ":" : "") + rest, "DH126");
                    }
                }
                else if (item.Kind == YamlNodeKind.Mapping && item.Local)
                {
                    var ip = item["host_ip"];
                    if (!AllInterfaces(ip?.Raw ?? ""))
                    {
                        continue;
                    }

                    if (ip is null)
                    {
                        // docker-compose 1.x rejects host_ip in the long syntax; only a file that already uses it gets it.
                        unfixable = true;
                        _editor.Skip("DH126", $"the long-syntax port {item["target"]?.Raw} has no host_ip, which docker-compose 1.x rejects; " +
                            "bind it by hand (short syntax \"127.0.0.1:PORT:TARGET\", or host_ip with Compose v2)", item.Node.Start);
                    }
                    else
                    {
                        _editor.SetIn(item, "host_ip", _options.BindAddress, "DH126", "ports.host_ip");
                    }
                }
            }

            if (!unfixable)
            {
                _claims.Add("DH126");
            }

            // Binding an interface leaves the port number alone: a privileged host port is the user's choice to make.
            if (_audit.Facts.Container.PortBindings.Any(b => NoPrivilegedHostPort.IsPrivileged(b.HostPort)))
            {
                _editor.Skip("DH133", "still warns: a host port below 1024 is published; choose a host port of 1024 or above (no automatic fix)");
            }
        }

        private static bool AllInterfaces(string ip) => PortsBoundToInterface.IsAllInterfaces(ip);
    }
}
