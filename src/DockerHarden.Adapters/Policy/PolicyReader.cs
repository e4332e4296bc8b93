using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DockerHarden.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DockerHarden.Adapters.Policy
{
    /// <summary>Reads a policy file with YamlDotNet; every problem names the file, line and column.</summary>
    internal static class PolicyReader
    {
        private static readonly string[] TopLevelKeys = { "defaults", "waivers", "setIdAllowed" };
        private static readonly string[] DefaultKeys = { "memory", "cpus", "pidsLimit", "user" };
        private static readonly string[] WaiverKeys = { "rule", "target", "reason", "expires" };

        public static HardeningPolicy Read(string path)
        {
            string text;
            try
            {
                text = DockerHarden.Files.SafeFile.ReadAllText(path);
            }
            catch (Exception e) when (e is (IOException and not DockerHarden.Files.FileRefusedException) or UnauthorizedAccessException)
            {
                throw new PolicyException(path, 0, 0, $"cannot read the policy file: {e.Message}", e);
            }

            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                throw new PolicyException(path, (int)e.Start.Line, (int)e.Start.Column, e.Message, e);
            }
            catch (InvalidOperationException e)
            {
                throw new PolicyException(path, 1, 1, $"not valid YAML: {e.Message}", e);
            }

            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
            {
                return new HardeningPolicy { Path = path };
            }

            var root = Mapping(path, stream.Documents[0].RootNode, "the policy");
            CheckKeys(path, root, TopLevelKeys, "the policy");
            return new HardeningPolicy
            {
                Path = path,
                Defaults = Child(root, "defaults") is { } defaults ? ReadDefaults(path, Mapping(path, defaults, "defaults")) : new PolicyDefaults(),
                Waivers = Child(root, "waivers") is { } waivers ? ReadWaivers(path, waivers) : Array.Empty<Waiver>(),
                SetIdAllowed = Child(root, "setIdAllowed") is { } allowed ? ReadPaths(path, allowed) : Array.Empty<string>(),
            };
        }

        private static PolicyDefaults ReadDefaults(string path, YamlMappingNode node)
        {
            CheckKeys(path, node, DefaultKeys, "defaults");
            return new PolicyDefaults
            {
                Memory = Scalar(path, node, "memory"),
                Cpus = Number(path, node, "cpus", s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture), v => v > 0),
                PidsLimit = Number(path, node, "pidsLimit", s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), v => v > 0),
                User = Scalar(path, node, "user"),
            };
        }

        private static IReadOnlyList<Waiver> ReadWaivers(string path, YamlNode node)
        {
            if (node is YamlScalarNode { Value: null or "" })
            {
                return Array.Empty<Waiver>();
            }

            if (node is not YamlSequenceNode sequence)
            {
                throw At(path, node, "waivers must be a list of { rule, target, reason, expires } entries");
            }

            return sequence.Children.Select(child =>
            {
                var entry = Mapping(path, child, "a waiver");
                CheckKeys(path, entry, WaiverKeys, "a waiver");
                var rule = Scalar(path, entry, "rule") ?? throw At(path, entry, "a waiver needs a rule (an id such as DH119, wildcards allowed)");
                var reason = Scalar(path, entry, "reason");
                if (string.IsNullOrWhiteSpace(reason))
                {
                    throw At(path, entry, $"the waiver for {rule} needs a reason");
                }

                DateTime? expires = null;
                if (Scalar(path, entry, "expires") is { } date)
                {
                    if (!DateTime.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                    {
                        throw At(path, Child(entry, "expires")!, $"expires must be a date like 2027-06-30, not '{date}'");
                    }

                    expires = parsed;
                }

                return new Waiver
                {
                    Rule = rule,
                    Target = Scalar(path, entry, "target") ?? "*",
                    Reason = reason!,
                    Expires = expires,
                    Line = (int)entry.Start.Line,
                };
            }).ToList();
        }

        private static IReadOnlyList<string> ReadPaths(string path, YamlNode node)
        {
            if (node is YamlScalarNode { Value: null or "" })
            {
                return Array.Empty<string>();
            }

            if (node is not YamlSequenceNode sequence)
            {
                throw At(path, node, "setIdAllowed must be a list of absolute paths inside images (wildcards allowed), such as /usr/bin/passwd");
            }

            return sequence.Children.Select(child => child is YamlScalarNode { Value: { Length: > 0 } value } && value.StartsWith('/')
                ? value
                : throw At(path, child, "each setIdAllowed entry must be an absolute path inside the image, such as /usr/bin/passwd")).ToList();
        }

        private static YamlMappingNode Mapping(string path, YamlNode node, string what) =>
            node as YamlMappingNode ?? throw At(path, node, $"{what} must be a mapping");

        private static YamlNode? Child(YamlMappingNode node, string key) =>
            node.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: var k } && k == key).Value;

        private static string? Scalar(string path, YamlMappingNode node, string key)
        {
            var child = Child(node, key);
            return child switch
            {
                null => null,
                YamlScalarNode scalar => scalar.Value,
                _ => throw At(path, child, $"{key} must be a single value"),
            };
        }

        private static T? Number<T>(string path, YamlMappingNode node, string key, Func<string, T> parse, Func<T, bool> valid)
            where T : struct
        {
            if (Scalar(path, node, key) is not { } text)
            {
                return null;
            }

            try
            {
                var value = parse(text);
                if (valid(value))
                {
                    return value;
                }
            }
            catch (Exception e) when (e is FormatException or OverflowException)
            {
            }

            throw At(path, Child(node, key)!, $"{key} must be a positive number, not '{text}'");
        }

        private static void CheckKeys(string path, YamlMappingNode node, string[] allowed, string what)
        {
            foreach (var key in node.Children.Keys)
            {
                if (key is not YamlScalarNode { Value: { } name } || !allowed.Contains(name, StringComparer.Ordinal))
                {
                    throw At(path, key, $"unknown key '{key}' in {what}; expected one of: {string.Join(", ", allowed)}");
                }
            }
        }

        private static PolicyException At(string path, YamlNode node, string message) =>
            new(path, (int)node.Start.Line, (int)node.Start.Column, message);
    }
}
