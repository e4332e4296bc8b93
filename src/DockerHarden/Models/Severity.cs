namespace DockerHarden.Models
{
    /// <summary>How much harm a failed rule allows, from Info (advice) to Critical (host compromise).</summary>
    public enum Severity
    {
        /// <summary>Advice; never blocks.</summary>
        Info = 0,
        /// <summary>Defence in depth.</summary>
        Low = 1,
        /// <summary>Weakens isolation or resource control.</summary>
        Medium = 2,
        /// <summary>Gives an attacker a clear step towards the host.</summary>
        High = 3,
        /// <summary>Equivalent to root on the host.</summary>
        Critical = 4,
    }
}
