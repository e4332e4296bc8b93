using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DockerHarden.Daemon;
using DockerHarden.Facts;
using DockerHarden.Secrets;

namespace DockerHarden.Repair
{
    /// <summary>What the caller asks of the planner, and what the planner must know about the daemon beyond its file.</summary>
    internal sealed record DaemonRepairRequest
    {
        /// <summary>The rule ids to fix; only the fixable ones (<see cref="DaemonRepairPlanner.FixableRules"/>) mean anything.</summary>
        public IReadOnlyCollection<string> Rules { get; init; } = DaemonRepairPlanner.FixableRules;
        public string? LogDriver { get; init; }
        public IReadOnlyDictionary<string, string> LogOptions { get; init; } = new Dictionary<string, string>();
        /// <summary>Settings that the dockerd command line makes, by daemon.json key; dockerd refuses a key set in both places.</summary>
        public IReadOnlyDictionary<string, DaemonSetting> FlagKeys { get; init; } = new Dictionary<string, DaemonSetting>();
        public bool Rootless { get; init; }
        /// <summary>The file named by "seccomp-profile" allows everything (read by the caller).</summary>
        public bool SeccompProfileIsWeak { get; init; }
    }

    /// <summary>One key the plan changes: its JSON before and after (null = absent).</summary>
    internal sealed record PlannedChange(string RuleId, string Key, string? Before, string? After);

    /// <summary>The planner's answer: the new text and what changed, plus what it would not do and why.</summary>
    internal sealed record DaemonRepairPlan(string NewText, IReadOnlyList<PlannedChange> Changes, IReadOnlyList<string> Notes, IReadOnlyList<string> Warnings);

    /// <summary>
    /// Pure: daemon.json text and a request in, the edited text out. Keys it does not own keep their values and their
    /// order (System.Text.Json.Nodes keeps insertion order; a replaced value keeps its place); new keys go last.
    /// Settings that conflict are resolved here, not written blindly.
    /// </summary>
    internal static class DaemonRepairPlanner
    {
        public static readonly string[] FixableRules = { "DH004", "DH005", "DH006", "DH009", "DH011", "DH012", "DH014", "DH015", "DH016", "DH017", "DH020" };

        private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = DaemonConfigValidator.MaxDepth };

        /// <summary>Before/after values on one line, for tables and logs.</summary>
        private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        public static DaemonRepairPlan Plan(string text, DaemonRepairRequest request)
        {
            // The caller passes only a file the validator passed: an object, or null (which dockerd reads as no settings).
            var root = text.Trim().Length == 0
                ? new JsonObject()
                : JsonNode.Parse(text, documentOptions: DaemonConfigReader.Options) switch
                {
                    null => new JsonObject(),
                    JsonObject parsed => parsed,
                    _ => throw new ArgumentException("daemon.json must hold a JSON object", nameof(text)),
                };
            var edit = new Edit(root, request);
            bool Wants(string id) => request.Rules.Contains(id, StringComparer.OrdinalIgnoreCase);

            if (Wants("DH004"))
            {
                edit.Set("DH004", "bridge", JsonValue.Create("none"));
            }

            if (Wants("DH005"))
            {
                if (IsString(root["bridge"], "none"))
                {
                    edit.Notes.Add("DH005: \"bridge\" is \"none\", so there is no default bridge and \"icc\" would mean nothing: not written.");
                }
                else if (IsBool(root["iptables"], false) || request.FlagKeys.ContainsKey("iptables"))
                {
                    edit.Warnings.Add("DH005: \"icc\": false needs iptables, and iptables is turned off (\"iptables\": false): not written. Turn iptables back on first.");
                }
                else
                {
                    edit.Set("DH005", "icc", JsonValue.Create(false));
                }
            }

            if (Wants("DH006"))
            {
                if (request.Rootless)
                {
                    edit.Notes.Add("DH006: the engine is rootless, which already maps container root to an unprivileged user: \"userns-remap\" not written.");
                }
                else if (root["userns-remap"] is JsonValue remap && remap.TryGetValue<string>(out var user) && user.Length > 0)
                {
                    // Any remap user fixes the rule; replacing the one chosen would move the storage again.
                }
                else if (edit.Set("DH006", "userns-remap", JsonValue.Create("default")))
                {
                    edit.Warnings.Add("DH006: \"userns-remap\" moves the engine's storage to <data-root>/<uid>.<gid>: after the restart the existing images, " +
                        "containers and volumes are not visible (load or pull the images again). dockerd creates the user dockremap and needs its ranges in /etc/subuid and /etc/subgid.");
                }
            }

            if (Wants("DH009"))
            {
                edit.Remove("DH009", "cgroup-parent");
            }

            if (Wants("DH011"))
            {
                if (request.LogDriver is { Length: > 0 } driver && request.LogOptions.Count > 0)
                {
                    edit.Set("DH011", "log-driver", JsonValue.Create(driver));
                    var options = new JsonObject();
                    foreach (var (key, value) in request.LogOptions)
                    {
                        options[key] = JsonValue.Create(value);
                    }

                    edit.Set("DH011", "log-opts", options);
                }
                else if (root["log-driver"] is null || IsString(root["log-driver"], "json-file") || IsString(root["log-driver"], "local") || IsString(root["log-driver"], "none"))
                {
                    edit.Notes.Add("DH011: skipped; no central log server can be guessed. Give -LogDriver and -LogOption, for example -LogDriver syslog -LogOption @{ 'syslog-address' = 'tcp+tls://loghost:6514' }.");
                }
            }

            if (Wants("DH012"))
            {
                if (IsString(root["seccomp-profile"], "unconfined") || (root["seccomp-profile"] is not null && request.SeccompProfileIsWeak))
                {
                    edit.Remove("DH012", "seccomp-profile");
                }
            }

            if (Wants("DH014"))
            {
                edit.Set("DH014", "no-new-privileges", JsonValue.Create(true));
            }

            if (Wants("DH015"))
            {
                edit.Set("DH015", "live-restore", JsonValue.Create(true));
            }

            if (Wants("DH016"))
            {
                edit.Set("DH016", "userland-proxy", JsonValue.Create(false));
            }

            if (Wants("DH017") && root["insecure-registries"] is JsonArray registries)
            {
                var loopback = registries.Where(r => r is JsonValue v && v.TryGetValue<string>(out var s) && IsLoopback(s)).Select(r => r!.DeepClone()).ToArray();
                if (loopback.Length == 0)
                {
                    edit.Remove("DH017", "insecure-registries");
                }
                else
                {
                    edit.Set("DH017", "insecure-registries", new JsonArray(loopback));
                }
            }

            if (Wants("DH020") && IsBool(root["experimental"], true))
            {
                edit.Remove("DH020", "experimental");
            }

            foreach (var flagged in edit.FlagConflicts)
            {
                edit.Warnings.Add(flagged);
            }

            var newText = edit.Changes.Count == 0 ? text : root.ToJsonString(Output) + "\n";
            return new DaemonRepairPlan(newText, edit.Changes, edit.Notes, edit.Warnings);
        }

        private static bool IsString(JsonNode? node, string value) =>
            node is JsonValue v && v.TryGetValue<string>(out var s) && string.Equals(s, value, StringComparison.Ordinal);

        private static bool IsBool(JsonNode? node, bool value) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b == value;

        private static bool IsLoopback(string registry)
        {
            var host = registry.Split('/')[0];
            return host.StartsWith("127.", StringComparison.Ordinal) || host.StartsWith("localhost", StringComparison.OrdinalIgnoreCase) ||
                   host.StartsWith("[::1]", StringComparison.Ordinal) || host == "::1";
        }

        /// <summary>The edits of one plan, recorded as they are made.</summary>
        private sealed class Edit
        {
            private readonly JsonObject _root;
            private readonly DaemonRepairRequest _request;

            public Edit(JsonObject root, DaemonRepairRequest request)
            {
                _root = root;
                _request = request;
            }

            public List<PlannedChange> Changes { get; } = new();
            public List<string> Notes { get; } = new();
            public List<string> Warnings { get; } = new();
            public List<string> FlagConflicts { get; } = new();

            /// <summary>Sets a key unless it already has that value or a dockerd flag owns it; true when it changed.</summary>
            public bool Set(string ruleId, string key, JsonNode value)
            {
                var current = _root[key];
                if (current is not null && JsonNode.DeepEquals(current, value))
                {
                    return false;
                }

                // A flag that already gives the wanted value is fine as it is.
                if (_request.FlagKeys.TryGetValue(key, out var flag) && value is JsonValue scalar &&
                    string.Equals(flag.Value, scalar.ToJsonString().Trim('"'), StringComparison.Ordinal))
                {
                    return false;
                }

                if (FlagOwns(ruleId, key))
                {
                    return false;
                }

                // Records are printed (the result, -WhatIf, -Verbose): a log-opts "splunk-token" shows as ***.
                Changes.Add(new PlannedChange(ruleId, key, Shown(current), Shown(value)));
                _root[key] = value;
                return true;
            }

            public void Remove(string ruleId, string key)
            {
                if (_root[key] is not { } current)
                {
                    FlagOwns(ruleId, key);
                    return;
                }

                Changes.Add(new PlannedChange(ruleId, key, Shown(current), null));
                _root.Remove(key);
            }

            private static string? Shown(JsonNode? node) => node is null ? null : SecretMask.Text(node.ToJsonString(Compact));

            private bool FlagOwns(string ruleId, string key)
            {
                if (!_request.FlagKeys.TryGetValue(key, out var flag))
                {
                    return false;
                }

                FlagConflicts.Add($"{ruleId}: \"{key}\" is set on the dockerd command line ({flag.Source}); dockerd refuses a key set both there and in daemon.json, so change the command line (the service unit) instead.");
                return true;
            }
        }
    }
}
