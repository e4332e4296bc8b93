using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Rules
{
    /// <summary>The rules nearest to a mistyped id or name ("did you mean DH101?"), by edit distance.</summary>
    internal static class RuleSuggestion
    {
        /// <summary>
        /// Ids of the rules whose id or name is nearest to <paramref name="typed"/> (case-insensitive), at most three;
        /// none when even the nearest is too far to be a typo (more than a third of the text changed, at least 2 allowed).
        /// </summary>
        public static IReadOnlyList<string> Nearest(string typed, IEnumerable<RuleInfo> rules)
        {
            var scored = rules
                .Select(r => (r.Id, Distance: Math.Min(Distance(typed, r.Id), Distance(typed, r.Name))))
                .ToList();
            var limit = 2 * Math.Max(2, typed.Length / 3);
            var best = scored.Count == 0 ? int.MaxValue : scored.Min(s => s.Distance);
            return best > limit
                ? Array.Empty<string>()
                : scored.Where(s => s.Distance == best).Select(s => s.Id).Take(3).ToList();
        }

        /// <summary>
        /// Levenshtein distance in half steps, case-insensitive: an edit costs 2, and swapping characters that look
        /// alike (O and 0, I, l and 1, S and 5, B and 8) costs 1, so that DH1O1 is nearer to DH101 than to DH111.
        /// </summary>
        public static int Distance(string a, string b)
        {
            a = a.ToUpperInvariant();
            b = b.ToUpperInvariant();
            var previous = Enumerable.Range(0, b.Length + 1).Select(j => 2 * j).ToArray();
            var current = new int[b.Length + 1];
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = 2 * i;
                for (int j = 1; j <= b.Length; j++)
                {
                    var substitution = previous[j - 1] + SubstitutionCost(a[i - 1], b[j - 1]);
                    current[j] = Math.Min(substitution, Math.Min(previous[j] + 2, current[j - 1] + 2));
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }

        private static readonly string[] LookAlike = { "O0", "I1L", "S5", "B8", "Z2" };

        private static int SubstitutionCost(char x, char y) =>
            x == y ? 0 : LookAlike.Any(group => group.Contains(x) && group.Contains(y)) ? 1 : 2;
    }
}
