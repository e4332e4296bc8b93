using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;

namespace DockerHarden.Verify
{
    /// <summary>One service of a verification run: a service with one set of fixes, under its own name.</summary>
    internal sealed record VerifyVariant(string Service, string Tag, JsonObject Spec)
    {
        /// <summary>The compose service name of this variant in the throwaway project.</summary>
        public string Name => ConfigTree.SafeName($"{Service}--{Tag}");
    }

    /// <summary>
    /// Writes the throwaway compose project of one verification run: each variant and each service it depends on,
    /// cut off from the outside and from the user's data. Pure (bind sources are checked with File/Directory.Exists).
    /// </summary>
    /// <remarks>
    /// What changes and why: ports, container names, MAC addresses and restart policies go (they would collide or
    /// hide an exit); every service joins one internal network (no way out, no published port); named volumes become
    /// fresh volumes of the run; a writable bind of a directory becomes a fresh volume and one of a file is made
    /// read-only, so an entrypoint's chown or a write never reaches the host; sockets (docker.sock) are left out.
    /// Dependencies keep their own names, so the variants find them by DNS as in the real project.
    /// </remarks>
    internal static class ThrowawayProject
    {
        public const string Network = "dh-verify";
        public const string Label = "dockerharden.verify";

        private static readonly string[] Dropped =
        {
            "container_name", "ports", "networks", "links", "external_links", "depends_on", "build", "restart", "profiles",
            "scale", "mac_address", "volumes_from", "extends", "env_file",
        };

        public static JsonObject Build(JsonObject original, IReadOnlyList<VerifyVariant> variants, IReadOnlyList<string> dependencies, ICollection<string> notes)
        {
            var services = new JsonObject();
            var volumes = new JsonObject();
            foreach (var variant in variants)
            {
                services[variant.Name] = Isolate(variant.Spec, variant.Name, volumes, notes);
            }

            foreach (var dep in dependencies)
            {
                if (ConfigTree.Service(original, dep) is { } spec)
                {
                    services[ConfigTree.SafeName(dep)] = Isolate(spec, ConfigTree.SafeName(dep), volumes, notes);
                }
            }

            var file = new JsonObject
            {
                ["version"] = Version(original["version"]?.ToString()),
                ["services"] = services,
                ["networks"] = new JsonObject { [Network] = new JsonObject { ["internal"] = true } },
            };
            if (volumes.Count > 0)
            {
                file["volumes"] = volumes;
            }

            foreach (var key in new[] { "secrets", "configs" })
            {
                if (original[key] is JsonObject top)
                {
                    file[key] = top.DeepClone();
                }
            }

            return file;
        }

        /// <summary>The services a service needs running (depends_on and links, transitively), in the original config.</summary>
        public static IReadOnlyList<string> Dependencies(JsonObject config, string service)
        {
            var seen = new List<string>();
            var queue = new Queue<string>(Needs(ConfigTree.Service(config, service)));
            while (queue.Count > 0)
            {
                var next = queue.Dequeue();
                if (next == service || seen.Contains(next) || ConfigTree.Service(config, next) is not { } spec)
                {
                    continue;
                }

                seen.Add(next);
                foreach (var n in Needs(spec))
                {
                    queue.Enqueue(n);
                }
            }

            return seen;
        }

        private static IEnumerable<string> Needs(JsonObject? spec)
        {
            if (spec is null)
            {
                yield break;
            }

            switch (spec["depends_on"])
            {
                case JsonObject map:
                    foreach (var pair in map)
                    {
                        yield return pair.Key;
                    }

                    break;
                case JsonArray list:
                    foreach (var item in list)
                    {
                        yield return item?.ToString() ?? "";
                    }

                    break;
            }

            if (spec["links"] is JsonArray links)
            {
                foreach (var link in links)
                {
                    yield return (link?.ToString() ?? "").Split(':')[0];
                }
            }
        }

        // 2.4 is a superset of the 2.x formats and has internal networks; 3.x files stay 3.x (their keys differ).
        private static string Version(string? version) =>
            version is not null && version.StartsWith("3", StringComparison.Ordinal) ? version : "2.4";

        private static JsonObject Isolate(JsonObject spec, string name, JsonObject volumes, ICollection<string> notes)
        {
            var svc = (JsonObject)spec.DeepClone();
            foreach (var key in Dropped)
            {
                svc.Remove(key);
            }

            foreach (var key in new[] { "pid", "ipc", "network_mode" })
            {
                var value = svc[key]?.ToString() ?? "";
                if (value.StartsWith("service:", StringComparison.Ordinal) || value.StartsWith("container:", StringComparison.Ordinal) ||
                    (key == "network_mode" && value != "none"))
                {
                    svc.Remove(key);
                }
            }

            if (svc["network_mode"] is null)
            {
                svc["networks"] = new JsonArray(Network);
            }

            svc["restart"] = "no";
            var labels = svc["labels"] as JsonObject ?? new JsonObject();
            if (svc["labels"] is JsonArray list)
            {
                foreach (var item in list)
                {
                    var parts = (item?.ToString() ?? "").Split('=', 2);
                    labels[parts[0]] = parts.Length > 1 ? parts[1] : "";
                }
            }

            labels[Label] = "1";
            svc["labels"] = labels;
            if (svc["volumes"] is JsonArray mounts)
            {
                svc["volumes"] = Mounts(mounts, name, volumes, notes);
            }

            return svc;
        }

        private static JsonArray Mounts(JsonArray mounts, string owner, JsonObject volumes, ICollection<string> notes)
        {
            var result = new JsonArray();
            int n = 0;
            foreach (var mount in mounts)
            {
                n++;
                string fresh = ConfigTree.SafeName($"{owner}-v{n}");
                if (mount is JsonObject longForm)
                {
                    var type = longForm["type"]?.ToString() ?? "volume";
                    var source = longForm["source"]?.ToString() ?? "";
                    var copy = (JsonObject)longForm.DeepClone();
                    if (type == "volume" && source.Length > 0)
                    {
                        copy["source"] = fresh;
                        volumes[fresh] = new JsonObject();
                    }
                    else if (type == "bind")
                    {
                        bool ro = longForm["read_only"]?.GetValue<bool>() == true;
                        var kind = Bind(source, ro, notes);
                        if (kind == BindKind.Drop)
                        {
                            continue;
                        }

                        if (kind == BindKind.Volume)
                        {
                            copy = new JsonObject { ["type"] = "volume", ["source"] = fresh, ["target"] = longForm["target"]?.DeepClone() };
                            volumes[fresh] = new JsonObject();
                        }
                        else if (kind == BindKind.ReadOnly)
                        {
                            copy["read_only"] = true;
                        }
                    }

                    result.Add(copy);
                    continue;
                }

                var text = mount?.ToString() ?? "";
                var parts = text.Split(':');
                if (parts.Length < 2)
                {
                    result.Add(text); // an anonymous volume: new for each container anyway
                    continue;
                }

                var src = parts[0];
                var rest = string.Join(":", parts.Skip(1));
                var mode = parts.Length > 2 ? parts[^1] : "";
                if (!src.StartsWith("/", StringComparison.Ordinal) && !src.StartsWith(".", StringComparison.Ordinal) && !src.StartsWith("~", StringComparison.Ordinal))
                {
                    volumes[fresh] = new JsonObject();
                    result.Add($"{fresh}:{rest}");
                    continue;
                }

                var bind = Bind(src, mode.Split(',').Contains("ro"), notes);
                var target = parts[1];
                switch (bind)
                {
                    case BindKind.Keep:
                        result.Add(text);
                        break;
                    case BindKind.ReadOnly:
                        result.Add($"{src}:{target}:ro");
                        break;
                    case BindKind.Volume:
                        volumes[fresh] = new JsonObject();
                        result.Add($"{fresh}:{target}");
                        break;
                }
            }

            return result;
        }

        private enum BindKind
        {
            Keep,
            ReadOnly,
            Volume,
            Drop,
        }

        private static BindKind Bind(string source, bool readOnly, ICollection<string> notes)
        {
            if (source.EndsWith(".sock", StringComparison.Ordinal))
            {
                notes.Add($"the socket {source} is not mounted into throwaway containers");
                return BindKind.Drop;
            }

            if (readOnly)
            {
                return BindKind.Keep;
            }

            if (File.Exists(source))
            {
                notes.Add($"the writable bind of the file {source} is mounted read-only while verifying");
                return BindKind.ReadOnly;
            }

            notes.Add($"the writable bind of {source} is an empty volume while verifying (the host directory is not touched)");
            return BindKind.Volume;
        }
    }
}
