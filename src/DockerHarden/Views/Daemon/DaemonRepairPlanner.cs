using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;
using DockerHarden.Secrets;
using DockerHarden.Views.Daemon;

namespace DockerHarden.Views.Daemon
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
        private static readonly JsonSerializerOptions Output = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = DaemonConfigValidator.MaxDepth };

        /// <summary>Before/after values on one line, for tables and logs.</summary>
        private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        /// <summary>The daemon rules whose fix this applier can write (derived from the rules' fixes).</summary>
        public static IReadOnlyList<string> FixableRules { get; } = RuleCatalog.DaemonRules
            .Where(r => FixViews.Fixable(RuleView.Daemon, r.Fix)).Select(r => r.Info.Id).ToArray();

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
            foreach (var rule in RuleCatalog.DaemonRules.Where(r => request.Rules.Contains(r.Info.Id, StringComparer.OrdinalIgnoreCase)))
            {
                foreach (var step in rule.Fix.Steps)
                {
                    Apply(rule.Info.Id, step, root, request, edit);
                }
            }

            foreach (var flagged in edit.FlagConflicts)
            {
                edit.Warnings.Add(flagged);
            }

            var newText = edit.Changes.Count == 0 ? text : root.ToJsonString(Output) + "\n";
            return new DaemonRepairPlan(newText, edit.Changes, edit.Notes, edit.Warnings);
        }

        /// <summary>True when the daemon.json editor has a case for the step (the cases of <see cref="Apply"/>).</summary>
        public static bool Handles(FixStep step) => step is SetDaemonKey or RemoveDaemonKey or FilterDaemonList or SetDaemonLogDriver;

        /// <summary>The daemon.json editor: one case per daemon step of the fix vocabulary.</summary>
        private static void Apply(string id, FixStep step, JsonObject root, DaemonRepairRequest request, Edit edit)
        {
            switch (step)
            {
                case SetDaemonKey set:
                    SetKey(id, set, root, request, edit);
                    break;
                case RemoveDaemonKey remove when remove.OnlyWhen is null:
                    edit.Remove(id, remove.Key);
                    break;
                case RemoveDaemonKey { OnlyWhen: { } only } remove:
                    if (root[remove.Key] is { } present && (JsonNode.DeepEquals(present, Json(only)) ||
                        (remove.OrWhenItsFileIsWeak && request.SeccompProfileIsWeak)))
                    {
                        edit.Remove(id, remove.Key);
                    }

                    break;
                case FilterDaemonList filter when root[filter.Key] is JsonArray list:
                    var kept = list.Where(r => r is JsonValue v && v.TryGetValue<string>(out var s) && filter.Keep(s)).Select(r => r!.DeepClone()).ToArray();
                    if (kept.Length == 0)
                    {
                        edit.Remove(id, filter.Key);
                    }
                    else
                    {
                        edit.Set(id, filter.Key, new JsonArray(kept));
                    }

                    break;
                case FilterDaemonList:
                    break;
                case SetDaemonLogDriver log:
                    if (request.LogDriver is { Length: > 0 } driver && request.LogOptions.Count > 0)
                    {
                        edit.Set(id, "log-driver", JsonValue.Create(driver));
                        var options = new JsonObject();
                        foreach (var (key, value) in request.LogOptions)
                        {
                            options[key] = JsonValue.Create(value);
                        }

                        edit.Set(id, "log-opts", options);
                    }
                    else if (root["log-driver"] is null || (root["log-driver"] is JsonValue v && v.TryGetValue<string>(out var driverNow) && log.KeepsLogsLocal(driverNow)))
                    {
                        edit.Notes.Add($"{id}: skipped; no central log server can be guessed. Give -LogDriver and -LogOption, for example -LogDriver syslog -LogOption @{{ 'syslog-address' = 'tcp+tls://loghost:6514' }}.");
                    }

                    break;
                default:
                    throw new InvalidOperationException($"{id}: {FixViews.NotFixable(RuleView.Daemon, step)}: {step.Describe(FixDefaults.BuiltIn)}");
            }
        }

        private static void SetKey(string id, SetDaemonKey set, JsonObject root, DaemonRepairRequest request, Edit edit)
        {
            if (set.PointlessWhen is { } pointless && IsString(root[pointless.Key], pointless.Value))
            {
                edit.Notes.Add($"{id}: \"{pointless.Key}\" is \"{pointless.Value}\", so \"{set.Key}\" would mean nothing: not written.");
            }
            else if (set.Needs is { } needs && (IsBool(root[needs], false) || request.FlagKeys.ContainsKey(needs)))
            {
                edit.Warnings.Add($"{id}: \"{set.Key}\": {Json(set.Value).ToJsonString()} needs {needs}, and {needs} is turned off (\"{needs}\": false): not written. Turn {needs} back on first.");
            }
            else if (set.NotNeededWhenRootless is { } rootless && request.Rootless)
            {
                edit.Notes.Add($"{id}: {rootless}: \"{set.Key}\" not written.");
            }
            else if (set.KeepAnyValue && root[set.Key] is JsonValue existing && existing.TryGetValue<string>(out var value) && value.Length > 0)
            {
                // Any value fixes the rule; replacing the one chosen could undo the user's choice (a remap user moves the storage again).
            }
            else if (edit.Set(id, set.Key, Json(set.Value)) && set.Warning is { } warning)
            {
                edit.Warnings.Add($"{id}: {warning}");
            }
        }

        private static JsonNode Json(object value) => value switch
        {
            bool b => JsonValue.Create(b),
            string s => JsonValue.Create(s),
            _ => throw new ArgumentException($"a daemon.json value of type {value.GetType().Name}", nameof(value)),
        };

        private static bool IsString(JsonNode? node, string value) =>
            node is JsonValue v && v.TryGetValue<string>(out var s) && string.Equals(s, value, StringComparison.Ordinal);

        private static bool IsBool(JsonNode? node, bool value) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b == value;

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
