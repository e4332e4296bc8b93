using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Container;
using DockerHarden.Rules.Fixes;
using DockerHarden.Secrets;

namespace DockerHarden.Views.Create
{
    /// <summary>Why a plan cannot be carried out.</summary>
    internal enum PlanErrorKind
    {
        /// <summary>A value the user gave cannot be read.</summary>
        InvalidArgument,
        /// <summary>A request that would weaken the container and needs -Force.</summary>
        Refused,
    }

    /// <summary>One reason a plan cannot be carried out: a PascalCase error id, a message and what it is about.</summary>
    internal sealed record PlanError(string ErrorId, PlanErrorKind Kind, string Message, string Target);

    /// <summary>The container to create, the network to create for it, and what was changed, dropped or doubted.</summary>
    internal sealed record HardenedPlan
    {
        public ContainerSpec Spec { get; init; } = new();
        /// <summary>The dedicated network to create; null when the container joins an existing one.</summary>
        public NetworkSpec? Network { get; init; }
        /// <summary>Settings that differ from the original (twin) or from what was asked.</summary>
        public IReadOnlyList<string> Changes { get; init; } = Array.Empty<string>();
        /// <summary>What the twin does not carry over from the original.</summary>
        public IReadOnlyList<string> Dropped { get; init; } = Array.Empty<string>();
        /// <summary>Things the host cannot enforce, and rules the container will still fail (the user asked for it).</summary>
        public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
        public IReadOnlyList<PlanError> Errors { get; init; } = Array.Empty<PlanError>();
    }

    /// <summary>
    /// Pure: turns a request, the image, the engine and (for a twin) the audited original into a hardened container
    /// spec. Every default is chosen so that the spec passes every container rule the host can enforce; what the
    /// user overrides is checked with the same rules and reported as a warning.
    /// </summary>
    internal static class HardenedSpecPlanner
    {
        private static readonly Regex ValidName = new("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$", RegexOptions.CultureInvariant);

        public static HardenedPlan Plan(HardeningRequest request, ImageFacts image, EngineFacts engine, TwinSource? twin = null)
        {
            var d = new Draft(request, image, engine, twin);
            if (!ValidName.IsMatch(request.Name))
            {
                d.Error("InvalidContainerName", PlanErrorKind.InvalidArgument,
                    $"'{request.Name}' is not a valid container name: use letters, digits, '_', '.' and '-', starting with a letter or digit.", request.Name);
            }

            var ports = d.Ports();
            var mounts = d.Mounts();
            var network = d.Network(ports.Count > 0);
            var spec = new ContainerSpec
            {
                Name = request.Name,
                Image = twin?.Config.Image ?? request.Image,
                Cmd = request.Command ?? twin?.Config.Cmd,
                Entrypoint = twin?.Config.Entrypoint,
                WorkingDir = twin?.Config.WorkingDir ?? "",
                Env = d.Environment(),
                Labels = Merge(twin?.Facts.Labels, request.Labels),
                User = d.User(),
                CapDrop = new[] { Capabilities.All },
                CapAdd = d.Capabilities(),
                ReadonlyRootfs = d.ReadOnlyRoot(),
                Tmpfs = d.Tmpfs(mounts),
                Mounts = mounts,
                Devices = d.Devices(),
                Network = network.Name,
                PortBindings = ports,
                ExposedPorts = twin?.Config.ExposedPorts ?? Array.Empty<string>(),
                SecurityOpt = d.SecurityOptions(),
                RestartPolicy = request.Defaults.RestartPolicy,
                RestartMaxRetries = d.RestartRetries(),
                LogDriver = d.LogDriver(out var logOptions),
                LogOptions = logOptions,
                Healthcheck = d.Healthcheck(),
                StorageOpt = d.StorageOpt(),
            };
            spec = d.Resources(spec);
            spec = d.RootCapabilities(spec);
            d.Namespaces();

            // The same rules that audit running containers judge the spec: whatever still fails was asked for.
            foreach (var finding in SpecFacts.Evaluate(spec, image, engine).Where(f => f.Status == FindingStatus.Fail))
            {
                d.Warnings.Add($"{finding.RuleId} {finding.Name} will fail: {finding.Evidence}. Fix: {finding.Remediation}");
            }

            return new HardenedPlan
            {
                Spec = spec,
                Network = network.Create,
                // Printed as they are (output, warnings, -Verbose): a dropped --log-opt or label keeps its name, not its value.
                Changes = d.Changes.Select(SecretMask.Text).ToList(),
                Dropped = d.Dropped.Select(SecretMask.Text).ToList(),
                Warnings = d.Warnings.Select(SecretMask.Text).ToList(),
                Errors = d.Errors,
            };
        }

        private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string>? first, IReadOnlyDictionary<string, string> second)
        {
            var result = first is null ? new Dictionary<string, string>() : new Dictionary<string, string>(first.ToDictionary(kv => kv.Key, kv => kv.Value));
            foreach (var kv in second)
            {
                result[kv.Key] = kv.Value;
            }

            return result;
        }

        /// <summary>The plan under construction: one method per setting, each recording its changes and errors.</summary>
        private sealed class Draft
        {
            private readonly HardeningRequest _request;
            private readonly ImageFacts _image;
            private readonly EngineFacts _engine;
            private readonly ContainerFacts? _original;
            private readonly ContainerCreateConfig? _config;

            public Draft(HardeningRequest request, ImageFacts image, EngineFacts engine, TwinSource? twin)
            {
                _request = request;
                _image = image;
                _engine = engine;
                _original = twin?.Facts;
                _config = twin?.Config;
            }

            public List<string> Changes { get; } = new();
            public List<string> Dropped { get; } = new();
            public List<string> Warnings { get; } = new();
            public List<PlanError> Errors { get; } = new();

            public void Error(string id, PlanErrorKind kind, string message, string target) => Errors.Add(new PlanError(id, kind, message, target));

            public string User()
            {
                if (!string.IsNullOrWhiteSpace(_request.User))
                {
                    return _request.User!.Trim();
                }

                if (_original is not null && IsNonRoot(_original.User))
                {
                    return _original.User;
                }

                if (IsNonRoot(_image.User))
                {
                    return _image.User;
                }

                var current = _original?.User ?? _image.User;
                var entrypoint = _config?.Entrypoint ?? _image.Entrypoint;
                if (entrypoint is { Count: > 0 })
                {
                    // The official images' convention: a root ENTRYPOINT prepares (chown of the data and run directories)
                    // and then drops to the image's own user (gosu, su-exec). A forced uid breaks it, so RunAsNonRootUser's
                    // fix stays what the rule declares it: a decision. RootCapabilities adds back what the entrypoint needs.
                    var setter = RuleCatalog.Rule<RunAsNonRootUser>();
                    Changes.Add($"user: {(current.Length == 0 ? "root (unset)" : current)} kept: the image's ENTRYPOINT ({string.Join(" ", entrypoint)}) starts as root " +
                        $"and may drop to its own user, which a forced uid breaks; {setter.Info.Id} needs a decision ({setter.Fix.Decision}): -User {_request.Defaults.User} runs it as non-root");
                    return current;
                }

                if (_original is not null)
                {
                    Changes.Add($"user: {(_original.User.Length == 0 ? "root (unset)" : _original.User)} -> {_request.Defaults.User}");
                }

                return _request.Defaults.User;
            }

            // Never a bare ALL for a root process (only when the caller asked for root: the default user is not root).
            public ContainerSpec RootCapabilities(ContainerSpec spec)
            {
                var drop = RuleCatalog.Rule<DropAllCapabilities>().Fix.Step<EnsureCapDrop>();
                if (drop is not { AddBackForRoot: true } || !RunAsNonRootUser.IsRoot(spec.User))
                {
                    return spec;
                }

                var added = _request.Defaults.RootCapabilities.Where(c => !spec.CapAdd.Contains(c)).ToList();
                if (added.Count == 0)
                {
                    return spec;
                }

                Changes.Add($"capabilities: {string.Join(", ", added)} added back after --cap-drop ALL: the container runs as root ({(spec.User.Length == 0 ? "unset" : spec.User)}), " +
                    $"and a root entrypoint needs them to chown its data and drop to its own user ({RuleCatalog.Id<NoSensitiveCapabilities>()} " +
                    "still fails; run as a non-root user to go without)");
                return spec with { CapAdd = spec.CapAdd.Concat(added).ToList() };
            }

            private bool IsNonRoot(string user) =>
                SpecFacts.Judge<RunAsNonRootUser>(new ContainerFacts { User = user }, _engine) == FindingStatus.Pass;

            public IReadOnlyList<string> Capabilities()
            {
                var result = new List<string>();
                if (_original is not null)
                {
                    if (_original.Privileged)
                    {
                        Dropped.Add($"--privileged ({RuleCatalog.Id<NotPrivileged>()}: every capability and every device)");
                    }

                    if (!Rules.Capabilities.ContainsAll(_original.CapDrop))
                    {
                        Changes.Add($"capabilities: cap-drop [{string.Join(", ", _original.CapDrop)}] -> ALL");
                    }

                    foreach (var cap in _original.CapAdd.Select(Rules.Capabilities.Normalize).Distinct())
                    {
                        if (Rules.Capabilities.IsSensitive(cap) && !_request.Force)
                        {
                            Dropped.Add($"--cap-add {cap} ({RuleCatalog.Id<NoSensitiveCapabilities>()}: sensitive capability; -Force keeps it)");
                        }
                        else
                        {
                            result.Add(cap);
                        }
                    }
                }

                foreach (var raw in _request.AddCapabilities)
                {
                    var cap = Rules.Capabilities.Normalize(raw);
                    if (cap != Rules.Capabilities.All && !Rules.Capabilities.Every.Contains(cap))
                    {
                        Error("UnknownCapability", PlanErrorKind.InvalidArgument,
                            $"'{raw}' is not a Linux capability name (for example NET_BIND_SERVICE).", raw);
                    }
                    else if (Rules.Capabilities.IsSensitive(cap) && !_request.Force)
                    {
                        Error("SensitiveCapabilityRefused", PlanErrorKind.Refused,
                            $"Capability {cap} was refused: {(cap == Rules.Capabilities.All ? "ALL grants every capability" : $"{cap} reaches past the container into the host")} " +
                            $"(rule {RuleCatalog.Id<NoSensitiveCapabilities>()}, {(cap == Rules.Capabilities.All ? Models.Severity.Critical : Rules.Capabilities.SensitiveSeverity[cap])}" +
                            $"{(Rules.Capabilities.Critical.Contains(cap) || cap == Rules.Capabilities.All ? ": it amounts to root on the host" : "")}). " +
                            "Grant a narrower capability, or use -Force to grant it anyway.", cap);
                    }
                    else if (!result.Contains(cap))
                    {
                        result.Add(cap);
                    }
                }

                return result;
            }


            public List<MountSpec> Mounts()
            {
                var result = new List<MountSpec>();
                if (_original is not null)
                {
                    foreach (var m in _original.Mounts.Where(m => string.Equals(m.Type, "bind", StringComparison.OrdinalIgnoreCase)))
                    {
                        var mode = m.ReadWrite ? "rw" : "ro";
                        if (SensitiveMounts.Classify(m.Source, !m.ReadWrite) is { } why && !Keep(m))
                        {
                            Dropped.Add($"bind mount {m.Source} -> {m.Destination} ({mode}; {why.RuleId}, {why.Severity}; -KeepMount {m.Destination} keeps it)");
                            continue;
                        }

                        if (m.Propagation is "shared" or "rshared")
                        {
                            Changes.Add($"mount {m.Destination}: propagation {m.Propagation} -> rprivate ({RuleCatalog.Id<NoSharedMountPropagation>()})");
                        }

                        result.Add(new MountSpec { Type = "bind", Source = m.Source, Target = m.Destination, ReadOnly = !m.ReadWrite });
                    }

                    result.AddRange(_config!.Volumes);
                }

                foreach (var text in _request.Volumes)
                {
                    var mount = RunOptionParser.ParseVolume(text, out var error);
                    if (mount is null)
                    {
                        Error("InvalidVolume", PlanErrorKind.InvalidArgument, error, text);
                        continue;
                    }

                    if (mount.Type == "bind" && SensitiveMounts.Classify(mount.Source, mount.ReadOnly) is { } why && !_request.Force)
                    {
                        Error("SensitiveMountRefused", PlanErrorKind.Refused,
                            $"Mounting {mount.Source} was refused: rule {why.RuleId} ({why.Severity}) forbids sharing it with a container. Use -Force to mount it anyway.",
                            mount.Source);
                        continue;
                    }

                    result.RemoveAll(m => m.Target == mount.Target);
                    result.Add(mount);
                }

                return result;
            }

            private bool Keep(MountFact m) => _request.KeepMounts.Any(k =>
                Same(k, m.Source) || Same(k, m.Destination));

            private static bool Same(string a, string b) =>
                string.Equals(a.Trim().TrimEnd('/'), b.Trim().TrimEnd('/'), StringComparison.Ordinal);

            public IReadOnlyDictionary<string, string> Tmpfs(IReadOnlyList<MountSpec> mounts)
            {
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var kv in _config?.Tmpfs ?? new Dictionary<string, string>())
                {
                    result[kv.Key] = kv.Value;
                }

                foreach (var text in _request.Tmpfs)
                {
                    var tmpfs = RunOptionParser.ParseTmpfs(text, _request.Defaults.TmpfsOptions, out var error);
                    if (tmpfs is null)
                    {
                        Error("InvalidTmpfs", PlanErrorKind.InvalidArgument, error, text);
                        continue;
                    }

                    result[tmpfs.Value.Path] = tmpfs.Value.Options;
                }

                // A read-only root needs somewhere to write; a volume already there serves too, and so does a VOLUME the
                // image declares (the engine gives it a writable volume that starts with the image's content).
                foreach (var path in _request.Defaults.TmpfsPaths.Where(p => !result.ContainsKey(p) && mounts.All(m => m.Target != p) &&
                             !_image.Volumes.Any(v => Same(v, p))))
                {
                    result[path] = _request.Defaults.TmpfsOptions;
                }

                return result;
            }

            public bool ReadOnlyRoot()
            {
                if (_original is not null && !_original.ReadonlyRootfs)
                {
                    Changes.Add($"root filesystem: writable -> read-only (writes go to the {string.Join(", ", _request.Defaults.TmpfsPaths)} tmpfs and to volumes)");
                }

                return true;
            }

            public IReadOnlyList<DeviceFact> Devices()
            {
                var result = new List<DeviceFact>();
                foreach (var d in _original?.Devices ?? Array.Empty<DeviceFact>())
                {
                    var perms = d.CgroupPermissions.Trim().ToLowerInvariant();
                    var safer = (perms.Length == 0 ? "rwm" : perms).Replace("m", "");
                    if (safer.Length == 0)
                    {
                        safer = "r";
                    }

                    if (safer != perms)
                    {
                        Changes.Add($"device {d.PathOnHost}: permissions {(perms.Length == 0 ? "rwm (default)" : perms)} -> {safer} ({RuleCatalog.Id<DevicesLeastPermission>()}: no mknod)");
                    }

                    result.Add(new DeviceFact { PathOnHost = d.PathOnHost, PathInContainer = d.PathInContainer, CgroupPermissions = safer });
                }

                foreach (var rule in _original?.DeviceCgroupRules ?? Array.Empty<string>())
                {
                    Dropped.Add($"--device-cgroup-rule '{rule}' ({RuleCatalog.Id<DevicesLeastPermission>()})");
                }

                foreach (var text in _request.Devices)
                {
                    var device = RunOptionParser.ParseDevice(text, out var error);
                    if (device is null)
                    {
                        Error("InvalidDevice", PlanErrorKind.InvalidArgument, error, text);
                        continue;
                    }

                    result.RemoveAll(x => x.PathInContainer == device.PathInContainer);
                    result.Add(device);
                }

                return result;
            }

            public List<PortBindingFact> Ports()
            {
                // -Port wins over the original's binding of the same container port, so the advice "publish another
                // host port with -Port" works for a twin whose original holds the port.
                var asked = new List<PortBindingFact>();
                foreach (var text in _request.Ports)
                {
                    var port = RunOptionParser.ParsePort(text, _request.BindAddress, out var error);
                    if (port is null)
                    {
                        Error("InvalidPort", PlanErrorKind.InvalidArgument, error, text);
                        continue;
                    }

                    asked.Add(port);
                }

                var result = new List<PortBindingFact>();
                foreach (var b in _original?.PortBindings ?? Array.Empty<PortBindingFact>())
                {
                    var ip = b.HostIp.Trim();
                    var over = asked.Where(a => SameContainerPort(a.ContainerPort, b.ContainerPort)).ToList();
                    if (over.Count > 0)
                    {
                        Changes.Add($"port {b.ContainerPort}: host {(ip.Length == 0 ? "*" : ip)}:{b.HostPort} -> " +
                            $"{string.Join(", ", over.Select(a => $"{a.HostIp}:{a.HostPort}"))} (-Port)");
                        continue;
                    }

                    if (PortsBoundToInterface.IsAllInterfaces(ip))
                    {
                        Changes.Add($"port {b.ContainerPort}: host {(ip.Length == 0 ? "*" : ip)}:{b.HostPort} -> {_request.BindAddress}:{b.HostPort} ({RuleCatalog.Id<PortsBoundToInterface>()})");
                        ip = _request.BindAddress;
                    }

                    result.Add(new PortBindingFact { ContainerPort = b.ContainerPort, HostIp = ip, HostPort = b.HostPort });
                }

                result.AddRange(asked);
                return result;
            }

            // "80" and "80/tcp" are one container port.
            private static bool SameContainerPort(string a, string b) =>
                string.Equals(a.Contains('/') ? a : a + "/tcp", b.Contains('/') ? b : b + "/tcp", StringComparison.OrdinalIgnoreCase);

            public (string Name, NetworkSpec? Create) Network(bool publishes)
            {
                string name;
                NetworkSpec? create = null;
                if (!string.IsNullOrWhiteSpace(_request.Network))
                {
                    name = _request.Network!.Trim();
                }
                else
                {
                    name = _request.Name + HardenedDefaults.NetworkSuffix;
                    var labels = new Dictionary<string, string>(_request.Labels.ToDictionary(kv => kv.Key, kv => kv.Value))
                    {
                        [HardenedDefaults.ManagedLabel] = "1",
                        [HardenedDefaults.ContainerLabel] = _request.Name,
                    };
                    // Internal: no route off the host, for a container that serves nobody outside (guide §5.3).
                    create = new NetworkSpec { Name = name, Internal = !publishes, Labels = labels };
                }

                if (_original is not null)
                {
                    var from = _original.Networks.Count > 0 ? string.Join(", ", _original.Networks) : _original.NetworkMode;
                    Changes.Add($"network: {from} -> {name}{(create is null ? "" : " (dedicated)")}");
                }

                return (name, create);
            }

            public IReadOnlyList<string> Environment()
            {
                var result = new List<string>(_config?.Env ?? Array.Empty<string>());
                foreach (var kv in _request.Environment)
                {
                    result.RemoveAll(e => e == kv.Key || e.StartsWith(kv.Key + "=", StringComparison.Ordinal));
                    result.Add($"{kv.Key}={kv.Value}");
                }

                return result;
            }

            public ContainerSpec Resources(ContainerSpec spec)
            {
                long memory = RunOptionParser.ParseSize(_request.Defaults.Memory, out _) ?? throw new InvalidOperationException($"the default memory '{_request.Defaults.Memory}' is not a size");
                if (_request.Memory is not null)
                {
                    memory = Size(_request.Memory, "Memory") ?? memory;
                }
                else if (_original is { Memory: > 0 })
                {
                    memory = _original.Memory;
                }
                else if (_original is not null)
                {
                    Changes.Add($"memory: unlimited -> {Sizes.Format(memory)} ({RuleCatalog.Id<MemoryLimit>()})");
                }

                long swap = memory;
                if (_request.MemorySwap is not null)
                {
                    swap = Size(_request.MemorySwap, "MemorySwap") ?? memory;
                    if (swap < memory)
                    {
                        Error("InvalidMemorySwap", PlanErrorKind.InvalidArgument,
                            $"-MemorySwap ({_request.MemorySwap}) is memory plus swap and cannot be below -Memory ({Sizes.Format(memory)}).", _request.MemorySwap);
                    }
                }
                else if (_original is not null && _original.MemorySwap != memory && _original.Memory > 0)
                {
                    Changes.Add($"memory+swap: {(_original.MemorySwap < 0 ? "unlimited" : _original.MemorySwap == 0 ? "2x memory (engine default)" : Sizes.Format(_original.MemorySwap))} -> {Sizes.Format(memory)} (no swap, {RuleCatalog.Id<MemorySwapLimit>()})");
                }

                long nano = _request.Defaults.NanoCpus;
                if (_request.Cpus is { } cpus)
                {
                    nano = (long)Math.Round(cpus * 1e9);
                }
                else if (_original is { NanoCpus: > 0 })
                {
                    nano = _original.NanoCpus;
                }
                else if (_original is { CpuQuota: > 0 })
                {
                    nano = _original.CpuQuota * 1_000_000_000 / (_original.CpuPeriod > 0 ? _original.CpuPeriod : 100_000);
                }
                else if (_original is not null)
                {
                    Changes.Add($"cpus: unlimited -> {_request.Defaults.Cpus} ({RuleCatalog.Id<CpuLimit>()})");
                }

                long pids = _request.Defaults.PidsLimit;
                if (_request.PidsLimit is { } requested)
                {
                    pids = requested;
                }
                else if (_original is { PidsLimit: > 0 })
                {
                    pids = _original.PidsLimit.Value;
                }
                else if (_original is not null)
                {
                    Changes.Add($"pids limit: unlimited -> {pids} ({RuleCatalog.Id<PidsLimit>()})");
                }

                return spec with { Memory = memory, MemorySwap = swap, NanoCpus = nano, PidsLimit = pids };
            }

            private long? Size(string text, string parameter)
            {
                var size = RunOptionParser.ParseSize(text, out var error);
                if (size is null)
                {
                    Error("InvalidSize", PlanErrorKind.InvalidArgument, $"-{parameter}: {error}", text);
                }

                return size;
            }

            public IReadOnlyList<string> SecurityOptions()
            {
                var result = new List<string>();
                foreach (var opt in _original?.SecurityOpt ?? Array.Empty<string>())
                {
                    var probe = new[] { opt };
                    if (SecurityOpts.Values(probe, "no-new-privileges").Count > 0)
                    {
                        continue; // replaced below by no-new-privileges:true
                    }

                    bool unconfined = new[] { "seccomp", "apparmor" }.Any(k =>
                        SecurityOpts.Values(probe, k).Any(v => string.Equals(v, "unconfined", StringComparison.OrdinalIgnoreCase)));
                    bool labelDisabled = SecurityOpts.Values(probe, "label").Any(v => string.Equals(v, "disable", StringComparison.OrdinalIgnoreCase));
                    if (labelDisabled && _request.Force)
                    {
                        // A decision, not a default: kept only with -Force, and the rule still fails (a warning says so).
                        result.Add(opt);
                        continue;
                    }

                    if (unconfined || labelDisabled)
                    {
                        Dropped.Add(labelDisabled
                            ? $"--security-opt {opt} ({RuleCatalog.Id<SELinuxLabelNotDisabled>()}: SELinux labelling applies; -Force keeps it)"
                            : $"--security-opt {opt} ({RuleCatalog.Id<SeccompConfined>()}/{RuleCatalog.Id<AppArmorConfined>()}: the default profile applies)");
                        continue;
                    }

                    result.Add(opt);
                }

                if (_original is not null && SecurityOpts.Values(_original.SecurityOpt, "no-new-privileges")
                        .All(v => string.Equals(v, "false", StringComparison.OrdinalIgnoreCase)))
                {
                    Changes.Add($"no-new-privileges: off -> on ({RuleCatalog.Id<NoNewPrivileges>()})");
                }

                var nnp = RuleCatalog.Rule<NoNewPrivileges>().Fix.Step<EnsureSecurityOpt>()!;
                result.Add(nnp.Key + ":" + nnp.Value);
                if (_request.SeccompProfileJson is { } json)
                {
                    var path = _request.SeccompProfilePath ?? "the seccomp profile";
                    try
                    {
                        using var document = JsonDocument.Parse(json);
                        if (document.RootElement.ValueKind != JsonValueKind.Object)
                        {
                            Error("SeccompProfileInvalid", PlanErrorKind.InvalidArgument,
                                $"{path}, line 1, column 1: a seccomp profile is a JSON object (with defaultAction and syscalls).", path);
                        }
                    }
                    catch (JsonException e)
                    {
                        Error("SeccompProfileInvalid", PlanErrorKind.InvalidArgument,
                            $"{path}, line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}: not valid JSON: {e.Message}", path);
                    }

                    result.RemoveAll(o => SecurityOpts.Values(new[] { o }, "seccomp").Count > 0);
                    // The API wants the profile itself; a path would be taken for JSON and fail at start.
                    result.Add("seccomp=" + json);
                }

                return result;
            }

            public long RestartRetries()
            {
                if (_original is not null && !(_original.RestartPolicy == _request.Defaults.RestartPolicy && _original.RestartMaxRetries == _request.Defaults.RestartRetries))
                {
                    var from = _original.RestartPolicy is "" or "no" ? "no" : _original.RestartPolicy +
                        (_original.RestartPolicy == "on-failure" ? ":" + _original.RestartMaxRetries.ToString(CultureInfo.InvariantCulture) : "");
                    Changes.Add($"restart policy: {from} -> {_request.Defaults.RestartPolicy}:{_request.Defaults.RestartRetries} ({RuleCatalog.Id<RestartPolicyBounded>()})");
                }

                return _request.Defaults.RestartRetries;
            }

            public string LogDriver(out IReadOnlyDictionary<string, string> options)
            {
                options = _request.LogOptions;
                if (!string.IsNullOrWhiteSpace(_request.LogDriver))
                {
                    return _request.LogDriver!.Trim();
                }

                if (_original is null || _original.LogDriver.Length == 0)
                {
                    // The engine's default driver; LogsExported only warns for json-file/local.
                    return "";
                }

                if (string.Equals(_original.LogDriver, "none", StringComparison.OrdinalIgnoreCase))
                {
                    Changes.Add($"log driver: none -> the engine default{(_engine.DefaultLogDriver.Length == 0 ? "" : " (" + _engine.DefaultLogDriver + ")")} ({RuleCatalog.Id<LogsExported>()})");
                    return "";
                }

                options = Merge(_original.LogOptions, _request.LogOptions);
                return _original.LogDriver;
            }

            public HealthcheckSpec? Healthcheck()
            {
                if (!string.IsNullOrWhiteSpace(_request.HealthCommand))
                {
                    return new HealthcheckSpec
                    {
                        Test = new[] { "CMD-SHELL", _request.HealthCommand!.Trim() },
                        Interval = TimeSpan.FromSeconds(30),
                    };
                }

                return _config?.Healthcheck;
            }

            public IReadOnlyDictionary<string, string> StorageOpt()
            {
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                if (_request.StorageSize is { } size)
                {
                    // The rule knows which drivers can enforce a quota: NotApplicable without one means "cannot".
                    if (SpecFacts.Judge<StorageQuota>(new ContainerFacts(), _engine) == FindingStatus.NotApplicable)
                    {
                        var backing = _engine.BackingFilesystem.Length == 0 ? "" : " on " + _engine.BackingFilesystem;
                        Warnings.Add($"-StorageSize {size} skipped: the {_engine.StorageDriver} storage driver{backing} cannot enforce a size quota (overlay2 needs xfs with pquota).");
                    }
                    else if (RunOptionParser.ParseSize(size, out var error) is null)
                    {
                        Error("InvalidSize", PlanErrorKind.InvalidArgument, $"-StorageSize: {error}", size);
                    }
                    else
                    {
                        result["size"] = size.Trim();
                    }
                }
                else if (_original?.StorageOpt.FirstOrDefault(kv => kv.Key == "size") is { Key: not null } kept)
                {
                    result["size"] = kept.Value;
                }
                else if (SpecFacts.Judge<StorageQuota>(new ContainerFacts(), _engine) != FindingStatus.NotApplicable)
                {
                    // Where the driver can enforce a quota, StorageQuota asks for one: a generous default, overridable.
                    result["size"] = _request.Defaults.StorageSize;
                }

                return result;
            }

            public void Namespaces()
            {
                if (_original is null)
                {
                    return;
                }

                Drop("--pid", _original.PidMode, RuleCatalog.Id<NoSharedPidNamespace>());
                Drop("--ipc", _original.IpcMode is "private" or "shareable" or "none" ? "" : _original.IpcMode, RuleCatalog.Id<NoSharedIpcNamespace>());
                Drop("--uts", _original.UtsMode, RuleCatalog.Id<NoSharedUtsNamespace>());
                Drop("--userns", _original.UsernsMode, RuleCatalog.Id<NoHostUserNamespace>());
                Drop("--cgroup-parent", _original.CgroupParent, RuleCatalog.Id<NoCgroupParent>());
                if (string.Equals(_original.NetworkMode, "host", StringComparison.OrdinalIgnoreCase))
                {
                    Dropped.Add($"--network host ({RuleCatalog.Id<NoHostNetwork>()})");
                }
            }

            private void Drop(string flag, string value, string rule)
            {
                if (value.Trim().Length > 0)
                {
                    Dropped.Add($"{flag} {value.Trim()} ({rule})");
                }
            }
        }
    }
}
