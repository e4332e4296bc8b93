using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Rules.Fixes
{
    /// <summary>
    /// A rule's fix, declared once in the rule's file: its safety and its steps in the view-neutral vocabulary. Each
    /// view's applier interprets the steps (<see cref="FixViews"/> says which view can express which step).
    /// </summary>
    internal sealed class RuleFix
    {
        public static RuleFix None { get; } = new(FixSafety.None, "", Array.Empty<FixStep>());

        private RuleFix(FixSafety safety, string decision, IReadOnlyList<FixStep> steps)
        {
            Safety = safety;
            Decision = decision;
            Steps = steps;
        }

        public FixSafety Safety { get; }

        /// <summary>For a NeedsDecision fix: what the user decides (said in Skipped when the rule was not named).</summary>
        public string Decision { get; }

        public IReadOnlyList<FixStep> Steps { get; }

        public bool HasSteps => Steps.Count > 0;

        public static RuleFix Safe(params FixStep[] steps) => new(FixSafety.Safe, "", steps);

        /// <summary>A fix applied only when the rule is named with -Rule; <paramref name="decision"/> says what it takes away.</summary>
        public static RuleFix NeedsDecision(string decision, params FixStep[] steps) => new(FixSafety.NeedsDecision, decision, steps);

        public T? Step<T>() where T : FixStep => Steps.OfType<T>().FirstOrDefault();
    }
}
