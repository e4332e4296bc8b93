namespace DockerHarden.Rules.Fixes
{
    /// <summary>How a rule's fix may be applied (about_DockerHarden, "Fix safety").</summary>
    internal enum FixSafety
    {
        /// <summary>No automatic fix: the finding's remediation text says what to do.</summary>
        None,
        /// <summary>Applied by default: it adds a restriction, or removes an engine-wide escape hatch no application needs.</summary>
        Safe,
        /// <summary>Applied only when the rule is named with -Rule: it takes away something the workload asked for.</summary>
        NeedsDecision,
    }
}
