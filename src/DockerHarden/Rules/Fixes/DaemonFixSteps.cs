using System;

namespace DockerHarden.Rules.Fixes
{
    /// <summary>Sets a daemon.json key. The conditions are the rule's knowledge; the daemon.json editor applies them.</summary>
    internal sealed record SetDaemonKey(string Key, object Value) : FixStep
    {
        public override Setting Writes => Setting.Image; // not a container setting; appliers of other views refuse it by type
        /// <summary>Any non-empty value already there fixes the rule (replacing it would do harm).</summary>
        public bool KeepAnyValue { get; init; }
        /// <summary>Said when the key is written: what the change costs.</summary>
        public string? Warning { get; init; }
        /// <summary>The key means nothing while this other key has this value: not written then.</summary>
        public (string Key, string Value)? PointlessWhen { get; init; }
        /// <summary>A boolean key that must not be false for this key to work.</summary>
        public string? Needs { get; init; }
        /// <summary>Why a rootless engine does not need the key; null when it does.</summary>
        public string? NotNeededWhenRootless { get; init; }

        public override string Describe(FixDefaults defaults) => $"SetDaemonKey({Key}, {Format(Value)})";

        private static string Format(object value) => value is bool b ? (b ? "true" : "false") : $"\"{value}\"";
    }

    /// <summary>Removes a daemon.json key, only when it has <see cref="OnlyWhen"/> (if given) or names a weak file.</summary>
    internal sealed record RemoveDaemonKey(string Key) : FixStep
    {
        public override Setting Writes => Setting.Image;
        public object? OnlyWhen { get; init; }
        /// <summary>The key names a file whose content the caller judged weak: remove it too.</summary>
        public bool OrWhenItsFileIsWeak { get; init; }

        public override string Describe(FixDefaults defaults) => $"RemoveDaemonKey({Key})";
    }

    /// <summary>Keeps only the entries of a daemon.json list that the rule accepts; removes the key when none is left.</summary>
    internal sealed record FilterDaemonList(string Key, string Kept, Func<string, bool> Keep) : FixStep
    {
        public override Setting Writes => Setting.Image;
        public override string Describe(FixDefaults defaults) => $"FilterDaemonList({Key}: keep {Kept})";
    }

    /// <summary>Sets log-driver and log-opts from the caller's values; never guessed. <see cref="KeepsLogsLocal"/> judges the current driver.</summary>
    internal sealed record SetDaemonLogDriver(Func<string?, bool> KeepsLogsLocal) : FixStep
    {
        public override Setting Writes => Setting.Image;
        public override string Describe(FixDefaults defaults) => "SetDaemonKey(log-driver + log-opts, given by the caller)";
    }
}
