using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DockerHarden.Views.Compose
{
    /// <summary>
    /// From parsed compose files to resolved services, the way compose reads them: aliases and merge keys
    /// (<c>&lt;&lt;: *a</c> and lists of anchors, local keys first, then the first anchor that has the key), extends
    /// within the file, and later files merged over earlier ones (docker compose -f a -f b). Pure: no I/O.
    /// </summary>
    internal static class ComposeResolver
    {
        // Sequences that compose appends rather than replaces when merging extends and override files.
        private static readonly HashSet<string> AppendKeys = new(StringComparer.Ordinal)
        {
            "cap_add", "cap_drop", "security_opt", "ports", "expose", "devices", "volumes", "tmpfs", "dns", "dns_search",
            "external_links", "links", "device_cgroup_rules", "environment", "labels", "env_file",
        };

        public static ComposeProject Resolve(IReadOnlyList<ComposeDocument> documents, System.Threading.CancellationToken cancel = default)
        {
            var services = new List<ResolvedService>();
            var byName = new Dictionary<string, ResolvedService>(StringComparer.Ordinal);
            string projectName = "";
            var networks = new Dictionary<string, YamlNode?>(StringComparer.Ordinal);
            bool? firstVersion1 = null;
            foreach (var doc in documents)
            {
                var root = RootMapping(doc);
                var fileName = FileName(doc.Path);
                var top = MergedPairs(root, doc.Path, "");
                bool version1 = IsVersion1(top);
                firstVersion1 ??= version1;
                if (version1 != firstVersion1)
                {
                    // docker-compose 1.x refuses to merge a version-1 file with a later format ("Version mismatch").
                    throw new ComposeParseException(doc.Path, 1, 1, $"version mismatch: {FileName(documents[0].Path)} is " +
                        (firstVersion1.Value ? "a version-1 file (services at the top level)" : "a file with services:") +
                        $" but {fileName} is {(version1 ? "a version-1 file (services at the top level)" : "a file with services:")}; docker-compose merges only files of one format");
                }

                var name = version1 ? null : Lookup(top, "name");
                if (name is not null && name.Kind == YamlNodeKind.Scalar)
                {
                    projectName = Interpolation.Apply(name.Value).Value;
                }

                var nets = version1 ? null : Lookup(top, "networks");
                if (nets?.Kind == YamlNodeKind.Mapping)
                {
                    foreach (var pair in MergedPairs(nets, doc.Path, ""))
                    {
                        networks[pair.Key.Deref.Value] = pair.Value.Deref;
                    }
                }

                bool first = ReferenceEquals(doc, documents[0]);
                foreach (var service in ResolveFile(doc, top, version1, cancel))
                {
                    if (byName.TryGetValue(service.Name, out var existing))
                    {
                        existing.Value = Merge(existing.Value, service.Value.Inherited(fileName), service.Name);
                        continue;
                    }

                    if (!first)
                    {
                        service.Value = service.Value.Inherited(fileName);
                    }

                    byName[service.Name] = service;
                    services.Add(service);
                }
            }

            if (projectName.Length == 0)
            {
                projectName = DefaultProjectName(documents.Count > 0 ? documents[0].Path : "");
            }

            var names = new Dictionary<string, string>(StringComparer.Ordinal) { ["default"] = projectName + "_default" };
            foreach (var (key, value) in networks)
            {
                names[key] = NetworkName(projectName, key, value);
            }

            return new ComposeProject(projectName, services, names);
        }

        /// <summary>The services of one file, with merge keys and extends applied.</summary>
        private static List<ResolvedService> ResolveFile(ComposeDocument doc, List<MergedPair> top, bool version1, System.Threading.CancellationToken cancel)
        {
            var result = new List<ResolvedService>();
            List<MergedPair> entries;
            if (version1)
            {
                // A version-1 file is its services: every top-level key (x- keys and a mapping "version" included)
                // is a service, as docker-compose 1.x reads it.
                entries = top;
            }
            else
            {
                var servicesPair = top.FirstOrDefault(p => p.Key.Deref.Value == "services");
                if (servicesPair.Key is null || servicesPair.Value.Deref.IsNull)
                {
                    return result;
                }

                var servicesNode = servicesPair.Value.Deref;
                if (servicesNode.Kind != YamlNodeKind.Mapping)
                {
                    throw new ComposeParseException(doc.Path, servicesNode.Line, servicesNode.Column, "'services' must be a mapping of service names to service definitions");
                }

                string servicesVia = servicesPair.Via.Length > 0 ? servicesPair.Via
                    : servicesPair.Value.Kind == YamlNodeKind.Alias ? "&" + servicesNode.Anchor : "";
                entries = MergedPairs(servicesNode, doc.Path, servicesVia);
            }

            var owner = new Dictionary<YamlNode, string>(ReferenceEqualityComparer.Instance);
            foreach (var pair in entries)
            {
                cancel.ThrowIfCancellationRequested();
                var name = pair.Key.Deref.Value;
                var value = pair.Value.Deref;
                if (pair.Key.Deref.Kind != YamlNodeKind.Scalar)
                {
                    throw new ComposeParseException(doc.Path, pair.Key.Line, pair.Key.Column,
                        $"the service key {KeyAsWritten(doc.Text, pair.Key)} is {(pair.Key.Deref.Kind == YamlNodeKind.Mapping ? "a mapping" : "a list")}; a service name must be a plain value");
                }

                if (value.Kind != YamlNodeKind.Mapping)
                {
                    throw new ComposeParseException(doc.Path, pair.Value.Line, pair.Value.Column, $"service '{name}' must be a mapping");
                }

                var resolved = Build(pair.Value, pair.Key, doc.Path, pair.Via);
                result.Add(new ResolvedService(name, doc.Path, pair.Key, pair.Value, resolved) { Via = pair.Via, Version1 = version1 });
                if (pair.Value.Kind != YamlNodeKind.Alias && pair.Via.Length == 0)
                {
                    MarkOwner(pair.Value, name, owner);
                }
            }

            var byName = result.ToDictionary(s => s.Name, StringComparer.Ordinal);
            foreach (var service in result)
            {
                CollectAliasDependencies(service.ValueNode, service, owner);
            }

            var done = new HashSet<string>(StringComparer.Ordinal);
            foreach (var service in result)
            {
                ApplyExtends(service, byName, done, new HashSet<string>(StringComparer.Ordinal), doc.Path);
            }

            if (version1)
            {
                foreach (var service in result)
                {
                    NormalizeVersion1(service.Value);
                }
            }

            return result;
        }

        private static YamlNode RootMapping(ComposeDocument doc)
        {
            var root = doc.Root?.Deref;
            if (root is null)
            {
                throw new ComposeParseException(doc.Path, 1, 1, "the file holds no YAML document (only comments or blank lines)");
            }

            if (root.Kind != YamlNodeKind.Mapping)
            {
                throw new ComposeParseException(doc.Path, root.Line, root.Column, "the top level of a compose file must be a mapping (services:, networks:, ...)");
            }

            return root;
        }

        /// <summary>Follows aliases and merge keys; <paramref name="via"/> becomes "&amp;anchor" once an alias is crossed.</summary>
        internal static ResolvedNode Build(YamlNode node, YamlNode? key, string file, string via)
        {
            if (node.Kind == YamlNodeKind.Alias)
            {
                var target = node.Target!;
                return Build(target, key, file, via.Length == 0 ? "&" + target.Anchor : via);
            }

            var result = new ResolvedNode(node, key, file, via);
            if (node.Kind == YamlNodeKind.Sequence)
            {
                foreach (var item in node.Items)
                {
                    result.Items.Add(Build(item, null, file, via));
                }

                return result;
            }

            if (node.Kind != YamlNodeKind.Mapping)
            {
                return result;
            }

            foreach (var pair in node.Pairs)
            {
                var k = pair.Key.Deref;
                if (!IsMergeKey(k))
                {
                    result.Set(k.Value, Build(pair.Value, pair.Key, file, via));
                }
            }

            // Local keys win; among the merged mappings, the first that has a key wins.
            foreach (var source in MergeSources(node))
            {
                var merged = Build(source, null, file, via.Length == 0 && source.Kind == YamlNodeKind.Alias ? "&" + source.Target!.Anchor : via);
                if (merged.Kind != YamlNodeKind.Mapping)
                {
                    throw new ComposeParseException(file, source.Line, source.Column, "a merge key (<<) must refer to a mapping or a list of mappings");
                }

                foreach (var entry in merged.Entries)
                {
                    if (!result.Has(entry.Key))
                    {
                        result.Set(entry.Key, entry.Value);
                    }
                }
            }

            return result;
        }

        /// <summary>True for YAML 1.1's merge key: a plain, untagged &lt;&lt; (a quoted "&lt;&lt;" is an ordinary key).</summary>
        internal static bool IsMergeKey(YamlNode key) =>
            key.Kind == YamlNodeKind.Scalar && key.Style == YamlScalarStyle.Plain && key.Tag.Length == 0 && key.Value == "<<";

        /// <summary>
        /// The mappings merged into a mapping, the one that wins first: in a list (<c>&lt;&lt;: [*a, *b]</c>) the earlier
        /// entry wins; of several &lt;&lt; keys in one mapping the later one wins, as PyYAML (docker-compose 1.x) reads them.
        /// </summary>
        internal static List<YamlNode> MergeSources(YamlNode mapping)
        {
            var groups = new List<List<YamlNode>>();
            foreach (var pair in mapping.Pairs)
            {
                if (IsMergeKey(pair.Key.Deref))
                {
                    var value = pair.Value.Deref;
                    groups.Add(value.Kind == YamlNodeKind.Sequence ? value.Items.ToList() : new List<YamlNode> { pair.Value });
                }
            }

            groups.Reverse();
            return groups.SelectMany(g => g).ToList();
        }

        /// <summary>
        /// A mapping's entries as YAML merge keys make them: its own keys first, then merged keys it does not have, each
        /// with "&amp;anchor" in Via when it arrives through an alias.
        /// </summary>
        internal static List<MergedPair> MergedPairs(YamlNode mapping, string file, string via)
        {
            var result = new List<MergedPair>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in mapping.Pairs)
            {
                if (!IsMergeKey(pair.Key.Deref))
                {
                    seen.Add(pair.Key.Deref.Value);
                    result.Add(new MergedPair(pair.Key, pair.Value, via));
                }
            }

            foreach (var source in MergeSources(mapping))
            {
                var target = source.Deref;
                if (target.Kind != YamlNodeKind.Mapping)
                {
                    throw new ComposeParseException(file, source.Line, source.Column, "a merge key (<<) must refer to a mapping or a list of mappings");
                }

                var sourceVia = via.Length == 0 && source.Kind == YamlNodeKind.Alias ? "&" + target.Anchor : via;
                foreach (var entry in MergedPairs(target, file, sourceVia))
                {
                    if (seen.Add(entry.Key.Deref.Value))
                    {
                        result.Add(entry);
                    }
                }
            }

            return result;
        }

        // The key's text as the file writes it (its first line, at most 60 characters), so the error names what to fix.
        private static string KeyAsWritten(string text, YamlNode key)
        {
            int start = Math.Clamp(key.Start, 0, text.Length);
            int end = key.End > start ? Math.Min(key.End, text.Length) : text.Length;
            var written = text.Substring(start, end - start).Split('\n')[0].TrimEnd('\r').Trim();
            return "'" + (written.Length > 60 ? written.Substring(0, 57) + "..." : written) + "'";
        }

        private static YamlNode? Lookup(List<MergedPair> pairs, string key) =>
            pairs.FirstOrDefault(p => p.Key.Deref.Kind == YamlNodeKind.Scalar && p.Key.Deref.Value == key).Value?.Deref;

        /// <summary>
        /// docker-compose 1.x's reading of a file's format: without a version (or with a mapping under "version", which is
        /// then a service), a file whose services, networks and volumes are all absent or empty is version 1, whose top
        /// level is the services themselves.
        /// </summary>
        internal static bool IsVersion1(List<MergedPair> top)
        {
            var version = Lookup(top, "version");
            if (version is not null && version.Kind == YamlNodeKind.Mapping)
            {
                return true;
            }

            if (!Falsy(version))
            {
                return false;
            }

            // A services key, even an empty one, is the format with services: (an empty services: is a file with no
            // services to audit, as compose v2 reads it, not a version-1 service named "services" that has no image).
            if (Lookup(top, "services") is not null)
            {
                return false;
            }

            return Falsy(Lookup(top, "networks")) && Falsy(Lookup(top, "volumes"));
        }

        // Python's truth of a YAML value: absent, null, "", 0, false and empty collections are false.
        private static bool Falsy(YamlNode? node) => node is null || node.IsNull || node.Kind switch
        {
            YamlNodeKind.Scalar => node.Value.Length == 0 || (node.Style == YamlScalarStyle.Plain && (node.Value == "0" || ComposeValues.IsFalse(node.Value) && node.Value.Length > 1)),
            YamlNodeKind.Mapping => node.Pairs.Count == 0,
            YamlNodeKind.Sequence => node.Items.Count == 0,
            _ => false,
        };

        /// <summary>docker-compose's reading of version-1 keys: net is network_mode, log_driver and log_opt are logging.</summary>
        private static void NormalizeVersion1(ResolvedNode service)
        {
            if (service["net"] is { } net && !service.Has("network_mode"))
            {
                service.Set("network_mode", net);
            }

            var driver = service["log_driver"];
            var options = service["log_opt"];
            if ((driver is not null || options is not null) && !service.Has("logging"))
            {
                var from = driver ?? options!;
                var at = from.Key ?? from.Node;
                var logging = new ResolvedNode(new YamlNode { Kind = YamlNodeKind.Mapping, Start = at.Start, End = at.Start, ContentStart = at.Start, Line = at.Line, Column = at.Column },
                    from.Key, from.File, from.Via);
                if (driver is not null)
                {
                    logging.Set("driver", driver);
                }

                if (options is not null)
                {
                    logging.Set("options", options);
                }

                service.Set("logging", logging);
            }
        }

        private static void ApplyExtends(ResolvedService service, Dictionary<string, ResolvedService> byName, HashSet<string> done,
            HashSet<string> visiting, string file)
        {
            if (done.Contains(service.Name))
            {
                return;
            }

            var extends = service.Value["extends"];
            if (extends is null)
            {
                done.Add(service.Name);
                return;
            }

            string baseName = extends.Kind == YamlNodeKind.Scalar ? extends.Raw : extends["service"]?.Raw ?? "";
            if (extends.Kind == YamlNodeKind.Mapping && extends["file"] is { } otherFile)
            {
                service.Notes.Add($"extends service '{baseName}' from file '{otherFile.Raw}', which is not read");
                done.Add(service.Name);
                return;
            }

            var at = extends.Key ?? extends.Node;
            if (!byName.TryGetValue(baseName, out var baseService))
            {
                throw new ComposeParseException(file, at.Line, at.Column, $"service '{service.Name}' extends '{baseName}', which is not a service of this file");
            }

            if (!visiting.Add(service.Name))
            {
                throw new ComposeParseException(file, at.Line, at.Column, $"service '{service.Name}' extends itself through a cycle");
            }

            ApplyExtends(baseService, byName, done, visiting, file);
            service.Value = Merge(baseService.Value.Inherited("extends " + baseName), service.Value, null);
            service.DependsOn.Add(baseName);
            done.Add(service.Name);
        }

        /// <summary>Compose's merge of a service over another: mappings merge, listed sequences append, the rest is replaced.</summary>
        internal static ResolvedNode Merge(ResolvedNode under, ResolvedNode over, string? key)
        {
            if (under.Kind == YamlNodeKind.Mapping && over.Kind == YamlNodeKind.Mapping)
            {
                var result = new ResolvedNode(over.Node, over.Key, over.File, over.Via);
                foreach (var entry in under.Entries)
                {
                    if (entry.Key != "extends")
                    {
                        result.Set(entry.Key, entry.Value);
                    }
                }

                foreach (var entry in over.Entries)
                {
                    var existing = result[entry.Key];
                    result.Set(entry.Key, existing is null ? entry.Value : Merge(existing, entry.Value, entry.Key));
                }

                return result;
            }

            if (key is not null && AppendKeys.Contains(key) && under.Kind == YamlNodeKind.Sequence && over.Kind == YamlNodeKind.Sequence)
            {
                var result = new ResolvedNode(over.Node, over.Key, over.File, over.Via);
                result.Items.AddRange(under.Items);
                result.Items.AddRange(over.Items);
                return result;
            }

            return over;
        }

        // Every node written inside a service's own mapping belongs to it (aliases are not followed).
        private static void MarkOwner(YamlNode node, string service, Dictionary<YamlNode, string> owner)
        {
            var stack = new Stack<YamlNode>();
            stack.Push(node);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                owner[n] = service;
                foreach (var pair in n.Pairs)
                {
                    stack.Push(pair.Key);
                    stack.Push(pair.Value);
                }

                foreach (var item in n.Items)
                {
                    stack.Push(item);
                }
            }
        }

        private static void CollectAliasDependencies(YamlNode node, ResolvedService service, Dictionary<YamlNode, string> owner)
        {
            var stack = new Stack<YamlNode>();
            stack.Push(node);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (n.Kind == YamlNodeKind.Alias)
                {
                    if (owner.TryGetValue(n.Target!, out var other) && other != service.Name)
                    {
                        service.DependsOn.Add(other);
                    }

                    continue;
                }

                foreach (var pair in n.Pairs)
                {
                    stack.Push(pair.Value);
                }

                foreach (var item in n.Items)
                {
                    stack.Push(item);
                }
            }
        }

        private static string NetworkName(string project, string key, YamlNode? definition)
        {
            if (definition?.Kind != YamlNodeKind.Mapping)
            {
                return project + "_" + key;
            }

            string? Scalar(YamlNode map, string k)
            {
                var v = map.Pairs.FirstOrDefault(p => p.Key.Deref.Value == k).Value?.Deref;
                return v?.Kind == YamlNodeKind.Scalar ? Interpolation.Apply(v.Value).Value : null;
            }

            var external = definition.Pairs.FirstOrDefault(p => p.Key.Deref.Value == "external").Value?.Deref;
            var name = Scalar(definition, "name");
            if (external is not null)
            {
                if (external.Kind == YamlNodeKind.Mapping)
                {
                    return Scalar(external, "name") ?? name ?? key;
                }

                if (ComposeValues.IsTrue(external.Value))
                {
                    return name ?? key;
                }
            }

            return name ?? project + "_" + key;
        }

        /// <summary>Compose's default project name: the first file's folder, lower case, letters, digits, - and _ only.</summary>
        internal static string DefaultProjectName(string path)
        {
            var dir = System.IO.Path.GetFileName(System.IO.Path.GetDirectoryName(path) ?? "") ?? "";
            var sb = new StringBuilder();
            foreach (var ch in dir.ToLowerInvariant())
            {
                if (ch is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_')
                {
                    sb.Append(ch);
                }
            }

            return sb.Length == 0 ? "default" : sb.ToString();
        }

        private static string FileName(string path) => System.IO.Path.GetFileName(path);
    }

    /// <summary>A mapping entry after merge keys: Via is "&amp;anchor" when it arrives through a merged alias.</summary>
    internal readonly record struct MergedPair(YamlNode Key, YamlNode Value, string Via);
}
