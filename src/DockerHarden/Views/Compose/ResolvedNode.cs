using System.Collections.Generic;

namespace DockerHarden.Views.Compose
{
    /// <summary>
    /// A value of a service as compose sees it: aliases followed, merge keys applied, extends and override files
    /// merged. Each value remembers the YAML node it came from and whether it is written in the service's own text
    /// (the only place a repair may edit) or arrives through an anchor, a base service or another file.
    /// </summary>
    internal sealed class ResolvedNode
    {
        private readonly Dictionary<string, int> _index = new(System.StringComparer.Ordinal);

        public ResolvedNode(YamlNode node, YamlNode? key, string file, string via)
        {
            Node = node;
            Key = key;
            File = file;
            Via = via;
        }

        /// <summary>The source node (never an alias).</summary>
        public YamlNode Node { get; }
        /// <summary>The key node of the entry holding this value, when it is a mapping value.</summary>
        public YamlNode? Key { get; }
        public string File { get; }
        /// <summary>Empty when written in the service's own text; otherwise "&amp;anchor", "extends NAME" or the override file.</summary>
        public string Via { get; }
        public bool Local => Via.Length == 0;

        public YamlNodeKind Kind => Node.Kind;
        public string Raw => Node.Kind == YamlNodeKind.Scalar ? Node.Value : "";
        public bool IsNull => Node.IsNull;

        public List<ResolvedNode> Items { get; } = new();
        /// <summary>Mapping entries in order (local keys first, then merged ones).</summary>
        public List<KeyValuePair<string, ResolvedNode>> Entries { get; } = new();

        public ResolvedNode? this[string key] => _index.TryGetValue(key, out var i) ? Entries[i].Value : null;

        public bool Has(string key) => _index.ContainsKey(key);

        public void Set(string key, ResolvedNode value)
        {
            if (_index.TryGetValue(key, out var i))
            {
                Entries[i] = new KeyValuePair<string, ResolvedNode>(key, value);
                return;
            }

            _index[key] = Entries.Count;
            Entries.Add(new KeyValuePair<string, ResolvedNode>(key, value));
        }

        /// <summary>The value at a dotted path (deploy.resources.limits.memory), or null.</summary>
        public ResolvedNode? At(string path)
        {
            ResolvedNode? current = this;
            foreach (var part in path.Split('.'))
            {
                current = current?.Kind == YamlNodeKind.Mapping ? current[part] : null;
            }

            return current;
        }

        /// <summary>A shallow copy marked as coming from elsewhere (a base service or another file).</summary>
        public ResolvedNode Inherited(string via)
        {
            var copy = new ResolvedNode(Node, Key, File, Local ? via : Via);
            foreach (var item in Items)
            {
                copy.Items.Add(item.Inherited(via));
            }

            foreach (var entry in Entries)
            {
                copy.Set(entry.Key, entry.Value.Inherited(via));
            }

            return copy;
        }
    }

    /// <summary>One service of a compose project, resolved.</summary>
    internal sealed class ResolvedService
    {
        public ResolvedService(string name, string file, YamlNode key, YamlNode valueNode, ResolvedNode value)
        {
            Name = name;
            File = file;
            KeyNode = key;
            ValueNode = valueNode;
            Value = value;
        }

        public string Name { get; }
        /// <summary>The file that declares the service first.</summary>
        public string File { get; }
        /// <summary>The service's name in the file: its line is where the service starts.</summary>
        public YamlNode KeyNode { get; }
        /// <summary>The service's value as written: a mapping, or an alias for an alias-only service.</summary>
        public YamlNode ValueNode { get; }
        public ResolvedNode Value { get; set; }
        /// <summary>Empty when the service is written in the services mapping; "&amp;anchor" when a merge key (&lt;&lt;) brings it.</summary>
        public string Via { get; init; } = "";
        /// <summary>True for a version-1 file (services at the top level): only version-1 keys may be written.</summary>
        public bool Version1 { get; init; }
        /// <summary>Services of the same file whose text this one reuses (extends, or aliases into their mapping).</summary>
        public HashSet<string> DependsOn { get; } = new(System.StringComparer.Ordinal);
        /// <summary>Notes about what could not be resolved (an extends from another file), for evidence.</summary>
        public List<string> Notes { get; } = new();
    }

    /// <summary>A resolved compose project: one or more files merged as docker compose -f a -f b merges them.</summary>
    internal sealed class ComposeProject
    {
        public ComposeProject(string name, IReadOnlyList<ResolvedService> services, IReadOnlyDictionary<string, string> networkNames)
        {
            Name = name;
            Services = services;
            NetworkNames = networkNames;
        }

        /// <summary>The project name (top-level name:, else the first file's folder), as compose prefixes networks.</summary>
        public string Name { get; }
        public IReadOnlyList<ResolvedService> Services { get; }
        /// <summary>Network key to the engine's network name (external and named networks keep their name).</summary>
        public IReadOnlyDictionary<string, string> NetworkNames { get; }
    }
}
