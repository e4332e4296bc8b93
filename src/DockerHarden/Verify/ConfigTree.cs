using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DockerHarden.Views.Compose;

namespace DockerHarden.Verify
{
    /// <summary>
    /// `docker-compose config` output (parsed by the module's YAML reader) as a mutable JSON tree. The throwaway project
    /// is written as JSON, which compose reads as YAML, so no YAML writer is needed. Pure.
    /// </summary>
    internal static class ConfigTree
    {
        private static readonly Regex Integer = new(@"^[-+]?\d+$", RegexOptions.CultureInvariant);
        private static readonly Regex Float = new(@"^[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?$", RegexOptions.CultureInvariant);

        public static JsonObject ToJson(ComposeDocument doc)
        {
            if (doc.Root is null || ToNode(doc.Root, "") is not JsonObject root)
            {
                throw new ComposeVerifyException("ComposeVerifyFailed", "docker-compose config printed no mapping.");
            }

            return root;
        }

        private static JsonNode? ToNode(YamlNode node, string key)
        {
            node = node.Deref;
            switch (node.Kind)
            {
                case YamlNodeKind.Mapping:
                    var obj = new JsonObject();
                    foreach (var pair in node.Pairs)
                    {
                        var name = pair.Key.Deref.Value;
                        obj[name] = ToNode(pair.Value, key is "environment" or "labels" ? "string" : name);
                    }

                    return obj;
                case YamlNodeKind.Sequence:
                    var array = new JsonArray();
                    foreach (var item in node.Items)
                    {
                        array.Add(ToNode(item, ""));
                    }

                    return array;
                default:
                    return Scalar(node, forceString: key == "string");
            }
        }

        // compose's config writer quotes what must stay a string, so a plain scalar is typed as YAML would type it;
        // environment and label values are strings whatever they look like (compose refuses booleans there).
        private static JsonNode? Scalar(YamlNode node, bool forceString)
        {
            var v = node.Value;
            if (forceString || node.Style != YamlScalarStyle.Plain || node.Tag.Length > 0)
            {
                return node.IsNull && !forceString ? null : JsonValue.Create(v);
            }

            if (node.IsNull)
            {
                return null;
            }

            if (v is "true" or "false")
            {
                return JsonValue.Create(v == "true");
            }

            if (Integer.IsMatch(v) && long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l))
            {
                return JsonValue.Create(l);
            }

            if (Float.IsMatch(v) && double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return JsonValue.Create(d);
            }

            return JsonValue.Create(v);
        }

        /// <summary>The service's mapping in a config tree, or null.</summary>
        public static JsonObject? Service(JsonObject config, string name) =>
            config["services"] is JsonObject services && services[name] is JsonObject service ? service : null;

        /// <summary>A stable text of a node, to compare what was verified with what is written.</summary>
        public static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

        /// <summary>A name compose 1.29 accepts for a service or volume: letters, digits, '.', '_', '-'.</summary>
        public static string SafeName(string name) => Regex.Replace(name, "[^A-Za-z0-9._-]", "_", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
