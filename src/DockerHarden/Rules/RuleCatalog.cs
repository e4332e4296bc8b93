using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Rules
{
    /// <summary>The one list of rules. A rule is declared once, in its own file, and found here by its type.</summary>
    internal static partial class RuleCatalog
    {
        /// <summary>
        /// Every container rule, in id order: each class under Rules/Container is found here by its type, so a new rule is
        /// its own file (and its tests), with nothing to register.
        /// </summary>
        public static IReadOnlyList<ContainerRule> ContainerRules { get; } = Discover<ContainerRule>();

        /// <summary>Every image rule (DH3xx), in id order, found by type like the container rules.</summary>
        public static IReadOnlyList<ImageRule> ImageRules { get; } = Discover<ImageRule>();

        /// <summary>
        /// The id of the container rule whose fix has a step that matches: how a view names "the rule that sets X" (in a
        /// skip reason, or to pick its fix) without writing its id.
        /// </summary>
        public static string FixedBy(Func<Fixes.FixStep, bool> step) => ContainerRules.First(r => r.Fix.Steps.Any(step)).Info.Id;

        /// <summary>The id of the container rule whose fix has a step of this type.</summary>
        public static string FixedBy<TStep>() where TStep : Fixes.FixStep => FixedBy(s => s is TStep);

        /// <summary>The concrete rules of one kind in this assembly, one instance each, in id order.</summary>
        internal static IReadOnlyList<T> Discover<T>() where T : class =>
            LoadableTypes()
                .Where(t => typeof(T).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
                .Select(t => (T)Activator.CreateInstance(t)!)
                .OrderBy(r => r switch { ContainerRule c => c.Info.Id, DaemonRule d => d.Info.Id, ImageRule i => i.Info.Id, _ => "" }, StringComparer.Ordinal)
                .ToList();

        // Some types of the module (cmdlets) need System.Management.Automation, which a test host may not load: the
        // rules never do, so the types that load are enough.
        private static IEnumerable<Type> LoadableTypes()
        {
            try
            {
                return typeof(RuleCatalog).Assembly.GetTypes();
            }
            catch (System.Reflection.ReflectionTypeLoadException e)
            {
                return e.Types.Where(t => t is not null)!;
            }
        }

        /// <summary>Rules whose id matches an include pattern (all when none) and no exclude pattern; wildcards allowed.</summary>
        public static IReadOnlyList<T> Select<T>(IEnumerable<T> rules, Func<T, RuleInfo> info,
            IReadOnlyCollection<string>? include, IReadOnlyCollection<string>? exclude)
        {
            return rules.Where(r =>
                    (include is null || include.Count == 0 || include.Any(p => Matches(p, info(r).Id, info(r).Name))) &&
                    (exclude is null || !exclude.Any(p => Matches(p, info(r).Id, info(r).Name))))
                .ToList();
        }

        /// <summary>True when a rule id or name matches the pattern (case-insensitive; * and ? wildcards).</summary>
        public static bool Matches(string pattern, string id, string name) =>
            Wildcard.IsMatch(pattern, id) || Wildcard.IsMatch(pattern, name);
    }
}
