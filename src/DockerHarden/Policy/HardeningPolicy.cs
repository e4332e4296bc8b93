using System;
using System.Collections.Generic;

namespace DockerHarden.Policy
{
    /// <summary>A policy file: defaults for the fixing cmdlets, and waivers that accept a risk on purpose.</summary>
    internal sealed class HardeningPolicy
    {
        public static HardeningPolicy Empty { get; } = new();

        /// <summary>The file it was read from; empty for the built-in empty policy.</summary>
        public string Path { get; init; } = "";
        public PolicyDefaults Defaults { get; init; } = new();
        public IReadOnlyList<Waiver> Waivers { get; init; } = Array.Empty<Waiver>();
        /// <summary>Paths (wildcards) of setuid/setgid files an image may keep (setIdAllowed:, DH306): /usr/bin/passwd, for example.</summary>
        public IReadOnlyList<string> SetIdAllowed { get; init; } = Array.Empty<string>();
    }

    /// <summary>Defaults that New-HardenedContainer and Repair-ComposeFile use when no parameter says otherwise.</summary>
    internal sealed class PolicyDefaults
    {
        /// <summary>Memory limit as written, for example "256m"; null when not set.</summary>
        public string? Memory { get; init; }
        public double? Cpus { get; init; }
        public long? PidsLimit { get; init; }
        public string? User { get; init; }
    }

    /// <summary>One waiver: a rule (wildcards) on a target (wildcards), with a reason and an optional expiry date.</summary>
    internal sealed class Waiver
    {
        public string Rule { get; init; } = "";
        public string Target { get; init; } = "*";
        public string Reason { get; init; } = "";
        /// <summary>The last day the waiver applies (inclusive); null for no expiry.</summary>
        public DateTime? Expires { get; init; }
        /// <summary>Line of the waiver in the policy file, for messages.</summary>
        public int Line { get; init; }
    }

    /// <summary>A policy file that cannot be used, with the position of the problem.</summary>
    internal sealed class PolicyException : Exception
    {
        public PolicyException(string path, int line, int column, string message, Exception? inner = null)
            : base($"{path}:{line}:{column}: {message}", inner)
        {
            Path = path;
            Line = line;
            Column = column;
        }

        public string Path { get; }
        public int Line { get; }
        public int Column { get; }
    }
}
