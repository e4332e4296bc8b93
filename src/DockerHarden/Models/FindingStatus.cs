namespace DockerHarden.Models
{
    /// <summary>The outcome of one rule for one target.</summary>
    public enum FindingStatus
    {
        /// <summary>The target meets the rule.</summary>
        Pass,
        /// <summary>The target breaks the rule.</summary>
        Fail,
        /// <summary>The target is weaker than the rule asks, but not clearly broken.</summary>
        Warn,
        /// <summary>The rule cannot apply here; Evidence says why.</summary>
        NotApplicable,
        /// <summary>A policy waived a Fail or Warn; the reason is kept.</summary>
        Waived,
    }
}
