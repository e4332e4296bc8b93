using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DockerHarden.Compose
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
            foreach (var doc in documents)
            {
                var root = RootMapping(doc);
                var fileName = FileName(doc.Path);
                var name = root.Pairs.FirstOrDefault(p => p.Key.Deref.Value == "name").Value?.Deref;
                if (name is not null && name.Kind == YamlNodeKind.Scalar)
                {
                    projectName = Interpolation.Apply(name.Value).Value;
                }

                var nets = root.Pairs.FirstOrDefault(p => p.Key.Deref.Value == "networks").Value?.Deref;
                if (nets?.Kind == YamlNodeKind.Mapping)
                {
                    foreach (var pair in nets.Pairs)
                    {
                        networks[pair.Key.Deref.Value] = pair.Value.Deref;
                    }
                }

                bool first = ReferenceEquals(doc, documents[0]);
                foreach (var service in ResolveFile(doc, root, cancel))
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
        private static List<ResolvedService> ResolveFile(ComposeDocument doc, YamlNode root, System.Threading.CancellationToken cancel)
        {
            var result = new List<ResolvedService>();
            var servicesPair = root.Pairs.FirstOrDefault(p => p.Key.Deref.Value == "services");
            if (servicesPair.Key is null || servicesPair.Value.Deref.IsNull)
            {
                return result;
            }

            var servicesNode = servicesPair.Value.Deref;
            if (servicesNode.Kind != YamlNodeKind.Mapping)
            {
                throw new ComposeParseException(doc.Path, servicesNode.Line, servicesNode.Column, "'services' must be a mapping of service names to service definitions");
            }

            var owner = new Dictionary<YamlNode, string>(ReferenceEqualityComparer.Instance);
            foreach (var pair in servicesNode.Pairs)
            {
                cancel.ThrowIfCancellationRequested();
                var name = pair.Key.Deref.Value;
                var value = pair.Value.Deref;
                if (value.Kind != YamlNodeKind.Mapping)
                {
                    throw new ComposeParseException(doc.Path, pair.Value.Line, pair.Value.Column, $"service '{name}' must be a mapping");
                }

                var resolved = Build(pair.Value, pair.Key, doc.Path, "");
                result.Add(new ResolvedService(name, doc.Path, pair.Key, pair.Value, resolved));
                if (pair.Value.Kind != YamlNodeKind.Alias)
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

            List<YamlNode>? merges = null;
            foreach (var pair in node.Pairs)
            {
                var k = pair.Key.Deref;
                if (k.Kind == YamlNodeKind.Scalar && k.Style == YamlScalarStyle.Plain && k.Value == "<<")
                {
                    merges ??= new List<YamlNode>();
                    if (pair.Value.Deref.Kind == YamlNodeKind.Sequence)
                    {
                        merges.AddRange(pair.Value.Deref.Items);
                    }
                    else
                    {
                        merges.Add(pair.Value);
                    }

                    continue;
                }

                result.Set(k.Value, Build(pair.Value, pair.Key, file, via));
            }

            // Local keys win; among the merged mappings, the first that has a key wins.
            foreach (var source in merges ?? Enumerable.Empty<YamlNode>())
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
}
