using System.Collections.Generic;

namespace DockerHarden.Models
{
    /// <summary>
    /// Why a -FailOn gate failed: the TargetObject of the HardeningThresholdExceeded error, so that a script can list the
    /// failing rules per target without parsing the message.
    /// </summary>
    public sealed class HardeningGateFailure
    {
        /// <summary>Creates the record of a failed gate.</summary>
        public HardeningGateFailure(Severity threshold, IReadOnlyList<HardeningGateTarget> targets,
            IReadOnlyList<string> rulesNotFound, IReadOnlyList<string> notAudited)
        {
            Threshold = threshold;
            Targets = targets;
            RulesNotFound = rulesNotFound;
            NotAudited = notAudited;
        }

        /// <summary>The -FailOn severity: a non-waived Fail at or above it fails the gate.</summary>
        public Severity Threshold { get; }

        /// <summary>Every target with a failing rule at or above the threshold, in output order.</summary>
        public IReadOnlyList<HardeningGateTarget> Targets { get; }

        /// <summary>-Rule/-ExcludeRule values that name no rule (a typo must not pass a gate).</summary>
        public IReadOnlyList<string> RulesNotFound { get; }

        /// <summary>What was asked for but could not be audited: unreachable engines, containers that do not exist.</summary>
        public IReadOnlyList<string> NotAudited { get; }

        /// <summary>The gate's message.</summary>
        public override string ToString() => $"{Targets.Count} target(s) failed at or above {Threshold}";
    }

    /// <summary>One target that failed a gate and the ids of the rules it failed.</summary>
    public sealed class HardeningGateTarget
    {
        /// <summary>Creates one failing target.</summary>
        public HardeningGateTarget(string target, IReadOnlyList<string> ruleIds)
        {
            Target = target;
            RuleIds = ruleIds;
        }

        /// <summary>The container, compose service or engine endpoint.</summary>
        public string Target { get; }

        /// <summary>The failing rules at or above the threshold, by id.</summary>
        public IReadOnlyList<string> RuleIds { get; }

        /// <summary>"web (DH101, DH104)".</summary>
        public override string ToString() => $"{Target} ({string.Join(", ", RuleIds)})";
    }
}
