using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace DockerHarden.Rules
{
    /// <summary>
    /// Reads a seccomp profile (Docker's JSON format) and answers the two questions the daemon rules ask: does it
    /// block anything at all, and which namespace syscalls does it allow an unprivileged container unconditionally.
    /// </summary>
    internal sealed class SeccompProfileAnalysis
    {
        private const long CloneNewUser = 0x10000000;
        private static readonly string[] AllowActions = { "SCMP_ACT_ALLOW", "SCMP_ACT_LOG", "SCMP_ACT_TRACE" };

        /// <summary>Syscalls that create or enter a user namespace.</summary>
        public static readonly string[] NamespaceSyscalls = { "unshare", "clone", "clone3", "setns" };

        private SeccompProfileAnalysis(string defaultAction, IReadOnlyList<string> unconditionallyAllowed, bool blocksAnything)
        {
            DefaultAction = defaultAction;
            UnconditionallyAllowed = unconditionallyAllowed;
            BlocksAnything = blocksAnything;
        }

        public string DefaultAction { get; }

        /// <summary>Namespace syscalls an unprivileged container may call with CLONE_NEWUSER or into any namespace.</summary>
        public IReadOnlyList<string> UnconditionallyAllowed { get; }

        /// <summary>False when the profile allows by default and has no rule that denies: effectively unconfined.</summary>
        public bool BlocksAnything { get; }

        /// <summary>Parses the profile; throws <see cref="JsonException"/> when it is not a profile.</summary>
        public static SeccompProfileAnalysis Analyse(string json)
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("defaultAction", out var defaultElement) ||
                defaultElement.ValueKind != JsonValueKind.String)
            {
                throw new JsonException("a seccomp profile is an object with a string \"defaultAction\"");
            }

            var defaultAction = defaultElement.GetString()!;
            bool allowByDefault = IsAllow(defaultAction);
            var rules = root.TryGetProperty("syscalls", out var syscalls) && syscalls.ValueKind == JsonValueKind.Array
                ? syscalls.EnumerateArray().Where(s => s.ValueKind == JsonValueKind.Object).ToList()
                : new List<JsonElement>();

            bool blocks = !allowByDefault || rules.Any(r => !IsAllow(Action(r)));
            var allowed = new List<string>();
            foreach (var name in NamespaceSyscalls)
            {
                var matching = rules.Where(r => Names(r).Contains(name, StringComparer.Ordinal)).ToList();
                bool open = allowByDefault
                    // Allowed unless an unconditional rule denies it for everyone.
                    ? !matching.Any(r => !IsAllow(Action(r)) && IsUnconditional(r))
                    // Denied unless a rule allows it without a capability condition or a CLONE_NEWUSER mask.
                    : matching.Any(r => IsAllow(Action(r)) && !RequiresCapability(r) && !MasksNewUser(name, r));
                if (open)
                {
                    allowed.Add(name);
                }
            }

            return new SeccompProfileAnalysis(defaultAction, allowed, blocks);
        }

        private static bool IsAllow(string action) => AllowActions.Contains(action, StringComparer.OrdinalIgnoreCase);

        private static string Action(JsonElement rule) =>
            rule.TryGetProperty("action", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";

        private static IEnumerable<string> Names(JsonElement rule)
        {
            if (rule.TryGetProperty("names", out var names) && names.ValueKind == JsonValueKind.Array)
            {
                foreach (var n in names.EnumerateArray())
                {
                    if (n.ValueKind == JsonValueKind.String)
                    {
                        yield return n.GetString()!;
                    }
                }
            }

            if (rule.TryGetProperty("name", out var single) && single.ValueKind == JsonValueKind.String)
            {
                yield return single.GetString()!;
            }
        }

        private static bool HasEntries(JsonElement rule, string property) =>
            rule.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Object &&
            value.EnumerateObject().Any(p => p.Value.ValueKind == JsonValueKind.Array ? p.Value.GetArrayLength() > 0 : p.Value.ValueKind != JsonValueKind.Null);

        private static bool IsUnconditional(JsonElement rule) =>
            !HasEntries(rule, "includes") && !HasEntries(rule, "excludes") &&
            !(rule.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array && args.GetArrayLength() > 0);

        /// <summary>The default profile allows unshare/setns/clone-with-flags only when the container has CAP_SYS_ADMIN.</summary>
        private static bool RequiresCapability(JsonElement rule) =>
            rule.TryGetProperty("includes", out var includes) && includes.ValueKind == JsonValueKind.Object &&
            includes.TryGetProperty("caps", out var caps) && caps.ValueKind == JsonValueKind.Array && caps.GetArrayLength() > 0;

        /// <summary>clone allowed only when a masked-equal filter on its flags keeps CLONE_NEWUSER at 0.</summary>
        private static bool MasksNewUser(string name, JsonElement rule)
        {
            if (name != "clone" || !rule.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var arg in args.EnumerateArray())
            {
                if (arg.ValueKind == JsonValueKind.Object &&
                    arg.TryGetProperty("op", out var op) && op.ValueKind == JsonValueKind.String && op.GetString() == "SCMP_CMP_MASKED_EQ" &&
                    arg.TryGetProperty("value", out var mask) && mask.TryGetInt64(out var m) && (m & CloneNewUser) != 0 &&
                    (!arg.TryGetProperty("valueTwo", out var expected) || (expected.TryGetInt64(out var e) && (e & CloneNewUser) == 0)))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
