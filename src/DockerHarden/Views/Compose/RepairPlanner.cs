using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Container;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Views.Compose
{
    /// <summary>What Repair-ComposeFile may change, and the values it writes (a record: -Verify derives per-service options with <c>with</c>).</summary>
    internal sealed record RepairOptions
    {
        /// <summary>The selected rules (-Rule/-ExcludeRule): every container rule by default.</summary>
        public IReadOnlyCollection<string> Rules { get; init; } = RuleCatalog.ContainerRules.Select(r => r.Info.Id).ToList();

        /// <summary>Rules named with -Rule (not through a wildcard): their NeedsDecision fixes are applied.</summary>
        public IReadOnlyCollection<string> Named { get; init; } = Array.Empty<string>();

        public IReadOnlyCollection<string> KeepCapability { get; init; } = Array.Empty<string>();

        public FixDefaults Defaults { get; init; } = FixDefaults.BuiltIn;

        /// <summary>Only these rules, named (as -Rule with their ids does).</summary>
        public static RepairOptions Naming(params string[] ids) => new() { Rules = ids, Named = ids };
    }

    /// <summary>
    /// The compose applier: interprets the fix steps of each broken rule of one service (Rules/Fixes) as surgical
    /// edits through the <see cref="ServiceEditor"/>. It knows compose, never a rule id: what a rule fixes, how safe
    /// that is and what it reads all come from the rule. Returns the rules it claims to fix, which the repairer checks
    /// by re-auditing the edited text. Pure.
    /// </summary>
    internal sealed class RepairPlanner
    {
        private readonly ServiceAudit _audit;
        private readonly ServiceEditor _editor;
        private readonly RepairOptions _options;
        private readonly ResolvedNode _svc;
        private readonly HashSet<string> _claims = new(StringComparer.Ordinal);
        private readonly HashSet<Setting> _written = new();
        private readonly List<string> _addedBack = new();
        private bool _runsAsRoot;
        private string? _memoryWritten;

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

        private ContainerFacts Container => _audit.Facts.Container;

        private void Run()
        {
            var broken = RuleCatalog.ContainerRules
                .Where(r => r.Fix.HasSteps && _options.Rules.Contains(r.Info.Id) && _audit.Broken(r.Info.Id))
                .ToList();
            var apply = new List<ContainerRule>();
            foreach (var rule in broken)
            {
                var id = rule.Info.Id;
                if (rule.Fix.Steps.Select(s => FixViews.NotFixable(RuleView.Compose, s)).FirstOrDefault(r => r is not null) is { } why)
                {
                    _editor.Skip(id, $"not fixable in this view: {why}");
                }
                else if (rule.Fix.Safety == FixSafety.NeedsDecision && !_options.Named.Contains(id) && !Malformed(rule))
                {
                    // A key of a shape compose rejects is reported as such (below), never as a decision to make.
                    if (rule.Fix.Steps.Any(HasWork))
                    {
                        _editor.Skip(id, $"needs a decision: {rule.Fix.Decision}; run with -Rule {id} to apply it");
                    }
                }
                else
                {
                    apply.Add(rule);
                }
            }

            if (apply.Count == 0)
            {
                return;
            }

            if (_audit.Facts.Service.Via.Length > 0)
            {
                foreach (var rule in apply)
                {
                    _editor.Skip(rule.Info.Id, $"the service comes through the merge key (<<) of {_audit.Facts.Service.Via}, so its text is the anchor's; " +
                        "fix the anchored definition or write the service out under services:");
                }

                return;
            }

            if (_audit.Facts.Service.ValueNode.Kind == YamlNodeKind.Alias)
            {
                foreach (var rule in apply)
                {
                    _editor.Skip(rule.Info.Id, $"the service is only an alias (*{_audit.Facts.Service.ValueNode.Value}); fix the anchored definition or write the service out");
                }

                return;
            }

            foreach (var rule in apply.Where(Malformed))
            {
                var keys = ComposeSettingKeys.For(rule);
                var what = keys.SelectMany(_audit.Facts.MalformedFor).Distinct();
                var at = keys.Select(_audit.Facts.MalformedOffset).FirstOrDefault(o => o is not null);
                _editor.Skip(rule.Info.Id, $"shape not understood: {string.Join("; ", what)}; not rewritten", at);
            }

            foreach (var rule in apply.Where(r => Unknown(r) && !Malformed(r)))
            {
                var keys = ComposeSettingKeys.For(rule).Where(_audit.Facts.Unknown.ContainsKey).Select(k => $"{k} is '{_audit.Facts.Unknown[k]}'");
                _editor.Skip(rule.Info.Id, $"{string.Join(", ", keys)}: a variable without a default decides the rule; not rewritten");
            }

            var ready = apply.Where(r => !Unknown(r)).ToList();
            // privileged: true grants every capability and turns seccomp off: a rule that also reads it cannot pass while it stays.
            var unprivileges = ready.FirstOrDefault(r => r.Fix.Steps.Any(s => s is ClearSetting { Setting: Setting.Privileged }));
            if (Container.Privileged && unprivileges is null)
            {
                var clearer = RuleCatalog.FixedBy(s => s is ClearSetting { Setting: Setting.Privileged });
                foreach (var rule in ready.Where(r => r.Reads.Contains(Setting.Privileged)).ToList())
                {
                    _editor.Skip(rule.Info.Id, $"privileged: true grants everything regardless; fix {clearer} first");
                    ready.Remove(rule);
                }
            }

            // Keys are written in one fixed order, so that a repair reads the same in every file.
            var steps = ready.SelectMany(r => r.Fix.Steps.Select(s => (Rule: r, Step: s)))
                .OrderBy(p => Order(p.Step))
                .ToList();
            // A compose file does not show the image's USER: without user: the service runs as root unless this repair sets one.
            _runsAsRoot = RunAsNonRootUser.IsRoot(Container.User) && !ready.Any(r => r.Fix.Steps.Any(s => s is SetUser));
            var done = ready.ToDictionary(r => r.Info.Id, _ => true, StringComparer.Ordinal);
            foreach (var (rule, step) in steps)
            {
                if (!Apply(rule.Info.Id, step))
                {
                    done[rule.Info.Id] = false;
                }
                else
                {
                    _written.Add(step.Writes);
                }
            }

            foreach (var rule in ready.Where(r => done[r.Info.Id]))
            {
                _claims.Add(rule.Info.Id);
            }

            // A rule without a fix that reads what was just rewritten still fails (selected or not): say so next to the change.
            foreach (var rule in RuleCatalog.ContainerRules.Where(r => !r.Fix.HasSteps && r.Reads.Any(_written.Contains)))
            {
                var status = _audit.Finding(rule.Info.Id)?.Status
                    ?? rule.Evaluate(new ContainerContext(Container, ComposeAuditor.DefaultEngine, new FleetFacts())).Status;
                if (status is FindingStatus.Fail or FindingStatus.Warn)
                {
                    _editor.Skip(rule.Info.Id, $"still {(status == FindingStatus.Warn ? "warns" : "fails")}: no automatic fix ({rule.Info.Remediation})");
                }
            }
        }

        private static readonly Setting[] ClearOrder = { Setting.Privileged, Setting.PidMode, Setting.IpcMode, Setting.UtsMode, Setting.UsernsMode, Setting.CgroupParent, Setting.NetworkMode };

        private static int Order(FixStep step) => step switch
        {
            ClearSetting { Setting: Setting.Privileged } => 0,
            EnsureCapDrop => 1,
            RemoveCapAdd => 2,
            RemoveSecurityOpt => 3,
            EnsureSecurityOpt => 4,
            ClearSetting c => 5 + Array.IndexOf(ClearOrder, c.Setting),
            SetUser => 20,
            SetMemoryLimit => 21,
            SetMemorySwapEqualToMemory => 22,
            SetCpus => 23,
            SetPidsLimit => 24,
            SetReadOnlyRoot => 25,
            RemoveMount => 26,
            BindPortTo => 27,
            _ => 99,
        };

        // Unknown: a variable without a default decides the rule, or a key it reads has a shape compose rejects.
        private bool Unknown(ContainerRule rule) => ComposeSettingKeys.For(rule).Any(_audit.Facts.Unknown.ContainsKey) || Malformed(rule);

        private bool Malformed(ContainerRule rule) => ComposeSettingKeys.For(rule).Any(k => _audit.Facts.MalformedFor(k).Any());

        /// <summary>False when a removal would find nothing to remove: then there is nothing to decide either.</summary>
        private bool HasWork(FixStep step) => step switch
        {
            RemoveCapAdd r => Container.CapAdd.Select(Capabilities.Normalize).Any(r.Matches),
            RemoveMount r => Container.Mounts.Any(m => r.Matches(m.Type, m.Source, !m.ReadWrite)),
            RemoveSecurityOpt r => SecurityOpts.Values(Container.SecurityOpt, r.Key).Any(v => string.Equals(v, r.Value, StringComparison.OrdinalIgnoreCase)),
            _ => true,
        };

        /// <summary>
        /// The interpreter: one entry per step of the vocabulary this view expresses. FixViews decides which steps reach
        /// it; a test fails when a step it lets through has no entry here.
        /// </summary>
        private static readonly Dictionary<Type, Func<RepairPlanner, string, FixStep, bool>> Steps = new()
        {
            [typeof(ClearSetting)] = (p, id, s) =>
            {
                var c = (ClearSetting)s;
                p._editor.RemoveKey(ComposeSettingKeys.Key(c.Setting), id, c.Neutral);
                return true;
            },
            [typeof(SetUser)] = (p, id, _) => p._editor.SetScalar(ComposeSettingKeys.Key(Setting.User), p._options.Defaults.User, id, ScalarWrite.Quoted),
            [typeof(EnsureCapDrop)] = (p, id, s) => p.DropCapabilities(id, (EnsureCapDrop)s),
            [typeof(RemoveCapAdd)] = (p, id, s) => p.RemoveCapabilities(id, (RemoveCapAdd)s),
            [typeof(RemoveSecurityOpt)] = (p, id, s) => p.RemoveOption(id, (RemoveSecurityOpt)s),
            [typeof(EnsureSecurityOpt)] = (p, id, s) => p.EnsureOption(id, (EnsureSecurityOpt)s),
            [typeof(SetMemoryLimit)] = (p, id, _) => p.SetMemory(id),
            [typeof(SetMemorySwapEqualToMemory)] = (p, id, _) => p.SetSwap(id),
            [typeof(SetCpus)] = (p, id, _) => p.SetLimit(id, Setting.Cpus, "cpus", p._options.Defaults.Cpus, ScalarWrite.Quoted, true),
            [typeof(SetPidsLimit)] = (p, id, _) =>
                p._editor.SetScalar(ComposeSettingKeys.Key(Setting.PidsLimit), p._options.Defaults.PidsLimit.ToString(CultureInfo.InvariantCulture), id, ScalarWrite.Verbatim),
            [typeof(SetReadOnlyRoot)] = (p, id, _) => p.ReadOnly(id),
            [typeof(RemoveMount)] = (p, id, s) => p.RemoveMounts(id, (RemoveMount)s),
            [typeof(BindPortTo)] = (p, id, _) => p.Ports(id),
        };

        /// <summary>True when the compose applier has an entry for the step.</summary>
        public static bool Handles(FixStep step) => Steps.ContainsKey(step.GetType());

        /// <summary>Applies one step; false when the rule is not fixed by it (the reason is in Skipped).</summary>
        private bool Apply(string id, FixStep step) =>
            Steps.TryGetValue(step.GetType(), out var apply)
                ? apply(this, id, step)
                : throw new InvalidOperationException($"the compose applier has no entry for {step.GetType().Name}");

        private bool DropCapabilities(string id, EnsureCapDrop step)
        {
            if (!Capabilities.ContainsAll(Container.CapDrop))
            {
                _editor.Sequence(ComposeSettingKeys.Key(Setting.CapDrop)).Append(step.Capability, id);
                if (step.AddBackForRoot && _runsAsRoot)
                {
                    AddBack(id);
                }
            }

            return true;
        }

        // Never a bare ALL on a root service: what a root entrypoint needs goes back into cap_add, and Skipped says why.
        private void AddBack(string id)
        {
            var have = new HashSet<string>(Container.CapAdd.Select(Capabilities.Normalize), StringComparer.Ordinal);
            var intent = _editor.Sequence(ComposeSettingKeys.Key(Setting.CapAdd));
            foreach (var cap in _options.Defaults.RootCapabilities.Where(c => !have.Contains(c)))
            {
                intent.Append(cap, id);
                _addedBack.Add(cap);
            }

            var judge = RuleCatalog.FixedBy<RemoveCapAdd>();
            if (_addedBack.Count > 0 && _options.Rules.Contains(judge))
            {
                var setter = RuleCatalog.FixedBy<SetUser>();
                _editor.Skip(judge, $"still fails: cap_drop: [ALL] adds back {string.Join(", ", _addedBack)} because the service runs as root " +
                    $"(no user:): a root entrypoint needs them to chown its data and drop to its own user; set user: ({setter}) and they can go");
            }
        }

        private bool RemoveCapabilities(string id, RemoveCapAdd step)
        {
            var keep = new HashSet<string>(_options.KeepCapability.Select(Capabilities.Normalize), StringComparer.Ordinal);
            var intent = _editor.Sequence(ComposeSettingKeys.Key(Setting.CapAdd));
            var kept = new List<string>();
            foreach (var item in intent.Entries.Where(i => i.Kind == YamlNodeKind.Scalar))
            {
                var cap = Capabilities.Normalize(item.Raw);
                if (!step.Matches(cap))
                {
                    continue;
                }

                if (keep.Contains(cap))
                {
                    kept.Add(cap);
                }
                else
                {
                    intent.Remove(item, id);
                }
            }

            if (kept.Count > 0)
            {
                _editor.Skip(id, $"still fails: {string.Join(", ", kept)} kept by -KeepCapability");
                return false;
            }

            if (_addedBack.Count > 0)
            {
                return false; // said by AddBack
            }

            bool dropAll = Capabilities.ContainsAll(Container.CapDrop) || _editor.Sequence(ComposeSettingKeys.Key(Setting.CapDrop)).Appends.Count > 0;
            if (!dropAll)
            {
                var dropper = RuleCatalog.FixedBy<EnsureCapDrop>();
                _editor.Skip(id, $"the default capability set stays sensitive until cap_drop: [ALL] ({dropper}) is applied");
                return false;
            }

            return true;
        }

        private bool RemoveOption(string id, RemoveSecurityOpt step)
        {
            var intent = _editor.Sequence(ComposeSettingKeys.Key(Setting.SecurityOpt));
            foreach (var item in intent.Entries.Where(i => i.Kind == YamlNodeKind.Scalar))
            {
                if (SecurityOpts.Values(new[] { item.Raw }, step.Key).Any(v => string.Equals(v, step.Value, StringComparison.OrdinalIgnoreCase)))
                {
                    intent.Remove(item, id);
                }
            }

            return true;
        }

        private bool EnsureOption(string id, EnsureSecurityOpt step)
        {
            var intent = _editor.Sequence(ComposeSettingKeys.Key(Setting.SecurityOpt));
            bool replaced = false;
            foreach (var item in intent.Entries.Where(i => i.Kind == YamlNodeKind.Scalar))
            {
                if (SecurityOpts.Values(new[] { item.Raw }, step.Key).Count > 0 && !intent.Removes.Contains(item))
                {
                    var sep = item.Raw.Contains('=', StringComparison.Ordinal) ? "=" : ":";
                    intent.Replace(item, step.Key + sep + step.Value, id);
                    replaced = true;
                }
            }

            if (!replaced)
            {
                intent.Append(step.Key + ":" + step.Value, id);
            }

            return true;
        }

        // deploy.resources.limits written in the service takes the limit there, else the service-level key.
        private bool SetLimit(string id, Setting setting, string limitKey, string value, ScalarWrite deployWrite, bool needed)
        {
            if (!needed)
            {
                return true;
            }

            var limits = _svc.At("deploy.resources.limits");
            bool deployStyle = limits is not null && limits.Local && limits.Kind == YamlNodeKind.Mapping;
            var keys = ComposeSettingKeys.For(setting);
            return deployStyle
                ? _editor.SetIn(limits!, limitKey, value, id, keys[1], deployWrite)
                : _editor.SetScalar(keys[0], value, id);
        }

        // The default memory limit, raised to the service's reservation or JVM heap (Rules/MemoryFloor.cs), with the reason.
        private bool SetMemory(string id)
        {
            if (Container.Memory > 0)
            {
                return true;
            }

            var (reservations, heaps) = MemoryNeeds.Of(_svc);
            var defaults = _options.Defaults;
            var memory = MemoryFloor.Choose(defaults.Memory, ComposeValues.ParseBytes(defaults.Memory) ?? 0, reservations, heaps);
            if (!SetLimit(id, Setting.Memory, "memory", memory.Text, ScalarWrite.Text, true))
            {
                return false;
            }

            _memoryWritten = memory.Text;
            ExplainLastChange(memory.Reason);
            return true;
        }

        // A change row that writes more than the default says why, after what it writes.
        private void ExplainLastChange(string? reason)
        {
            if (reason is not null && _editor.Changes.Count > 0)
            {
                var last = _editor.Changes[^1];
                _editor.Changes[^1] = last with { After = $"{last.After} ({reason})" };
            }
        }

        private bool SetSwap(string id)
        {
            // The memory limit as written (a known ${VAR:-default} is copied, so memswap stays equal at run time), or the
            // one this repair writes.
            var node = ComposeSettingKeys.For(Setting.Memory).Select(_svc.At).FirstOrDefault(n => n is not null);
            string? memory = node is not null && node.Kind == YamlNodeKind.Scalar && !node.IsNull && Container.Memory > 0 ? node.Raw
                : _memoryWritten;
            if (memory is null)
            {
                var limiter = RuleCatalog.FixedBy<SetMemoryLimit>();
                _editor.Skip(id, $"needs a memory limit first ({limiter})");
                return false;
            }

            if (!_editor.SetScalar(ComposeSettingKeys.Key(Setting.MemorySwap), memory, id))
            {
                return false;
            }

            // -1 is a deliberate "unlimited swap": say what replaces it rather than overwrite it silently.
            ExplainLastChange(Container.MemorySwap == -1 ? "was -1, unlimited swap; equal to the memory limit means no swap" : null);
            return true;
        }

        private bool ReadOnly(string id)
        {
            var tmpfsKey = ComposeSettingKeys.Key(Setting.Tmpfs);
            if (_audit.Facts.MalformedFor(tmpfsKey).FirstOrDefault() is { } badTmpfs)
            {
                _editor.Skip(id, $"shape not understood: {badTmpfs}; read_only needs a writable {string.Join(", ", _options.Defaults.TmpfsPaths)} there, not rewritten",
                    _audit.Facts.MalformedOffset(tmpfsKey));
                return false;
            }

            var tmpfs = _editor.Sequence(tmpfsKey);
            var missing = _options.Defaults.TmpfsPaths
                .Where(path => !tmpfs.Entries.Any(e => e.Kind == YamlNodeKind.Scalar && e.Raw.Split(':')[0].TrimEnd('/') == path) &&
                    !Container.Mounts.Any(m => m.Destination.TrimEnd('/') == path))
                .ToList();
            // A read-only root without its writable paths breaks most programs: both keys, or neither.
            if (missing.Count > 0 && !_editor.CanWrite(tmpfsKey, id))
            {
                return false;
            }

            if (!_editor.SetScalar(ComposeSettingKeys.Key(Setting.ReadOnlyRoot), "true", id, ScalarWrite.Verbatim))
            {
                return false;
            }

            // The volatile paths are an assumption about the image, not a proof: the change says so (about_DockerHarden).
            ExplainLastChange($"writable: tmpfs {string.Join(", ", _options.Defaults.TmpfsPaths)} and the volumes; " +
                "a write the image makes anywhere else fails, which -Verify checks by starting the service");

            foreach (var path in missing)
            {
                tmpfs.Append(path, id);
            }

            return true;
        }

        private bool RemoveMounts(string id, RemoveMount step)
        {
            var intent = _editor.Sequence(ComposeSettingKeys.Key(Setting.Mounts));
            var entries = intent.Entries.ToList();
            var mounts = Container.Mounts;
            // Mounts are read from the entries in order, one per entry; an entry another rule removes stays its.
            for (int i = 0; i < entries.Count && i < mounts.Count; i++)
            {
                if (!intent.Removes.Contains(entries[i]) && step.Matches(mounts[i].Type, mounts[i].Source, !mounts[i].ReadWrite))
                {
                    intent.Remove(entries[i], id);
                }
            }

            return true;
        }

        private bool Ports(string id)
        {
            var address = _options.Defaults.BindAddress;
            var intent = _editor.Sequence(ComposeSettingKeys.Key(Setting.Ports));
            bool fixedAll = true;
            foreach (var item in intent.Entries)
            {
                if (item.Kind == YamlNodeKind.Scalar)
                {
                    var port = PortSyntax.Parse(item.Raw);
                    if (item.Raw.Contains('$', StringComparison.Ordinal))
                    {
                        fixedAll = false;
                        _editor.Skip(id, $"the port '{item.Raw}' holds a variable: bind it by hand", item.Node.Start);
                    }
                    else if (PortsBoundToInterface.IsAllInterfaces(port.HostIp))
                    {
                        intent.Replace(item, PortSyntax.BindTo(port, address), id);
                    }
                }
                else if (item.Kind == YamlNodeKind.Mapping && item.Local)
                {
                    var ip = item["host_ip"];
                    if (!PortsBoundToInterface.IsAllInterfaces(ip?.Raw ?? ""))
                    {
                        continue;
                    }

                    if (ip is null)
                    {
                        // docker-compose 1.x rejects host_ip in the long syntax; only a file that already uses it gets it.
                        fixedAll = false;
                        _editor.Skip(id, $"the long-syntax port {item["target"]?.Raw} has no host_ip, which docker-compose 1.x rejects; " +
                            $"bind it by hand (short syntax \"{address}:PORT:TARGET\", or host_ip with Compose v2)", item.Node.Start);
                    }
                    else
                    {
                        _editor.SetIn(item, "host_ip", address, id, "ports.host_ip");
                    }
                }
            }

            return fixedAll;
        }
    }
}
