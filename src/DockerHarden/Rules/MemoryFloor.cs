using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace DockerHarden.Rules
{
    /// <summary>A memory fact that bounds the limit from below, and where it was read ("mem_reservation", "-Xmx512m in JAVA_OPTS").</summary>
    internal sealed record MemoryNeed(string Source, long Bytes);

    /// <summary>The memory limit a fix writes, and why it is not the default (null when the default is enough).</summary>
    internal sealed record MemoryChoice(string Text, long Bytes, string? Reason);

    /// <summary>
    /// The lowest memory limit a fix may write: never below the service's reservation (the engine refuses to start
    /// such a container: "Minimum memory limit can not be less than memory reservation limit"), and never below a
    /// JVM's heap plus a quarter for its non-heap memory (metaspace, threads, buffers), where a smaller limit is a
    /// certain OOM kill. Pure: the facts come from the caller.
    /// </summary>
    internal static class MemoryFloor
    {
        /// <summary>Head-room over a JVM's maximum heap for what the JVM holds outside it.</summary>
        public const double HeapHeadroom = 1.25;

        private const long MiB = 1024L * 1024;
        // Limits above the floor are written in whole multiples of this, so that 512m x 1.25 reads 640m.
        private const long Step = 64 * MiB;

        // -Xmx512m, -Xms1g, -Xmx2048M, -Xmx1073741824: the JVM's own size syntax (no "b" suffix).
        private static readonly Regex HeapFlag = new(@"(?<![\w-])-Xm(?<kind>[xs])(?<size>\d+)(?<unit>[kKmMgGtT]?)(?![\w.])",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        /// <summary>The largest heap the JVM options in <paramref name="text"/> ask for (the last -Xmx, or -Xms when larger), or null.</summary>
        public static (long Bytes, string Flag)? Heap(string text)
        {
            (long Bytes, string Flag)? max = null;
            (long Bytes, string Flag)? min = null;
            foreach (Match m in HeapFlag.Matches(text))
            {
                var unit = m.Groups["unit"].Value.ToLowerInvariant();
                long factor = unit switch { "k" => 1024, "m" => MiB, "g" => 1024 * MiB, "t" => 1024L * 1024 * MiB, _ => 1 };
                if (!long.TryParse(m.Groups["size"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > long.MaxValue / factor)
                {
                    continue;
                }

                // The JVM takes the last of each flag.
                if (m.Groups["kind"].Value == "x")
                {
                    max = (n * factor, m.Value);
                }
                else
                {
                    min = (n * factor, m.Value);
                }
            }

            return min is { } s && (max is null || s.Bytes > max.Value.Bytes) ? min : max;
        }

        /// <summary>
        /// max(default, every reservation, every heap x <see cref="HeapHeadroom"/> rounded up to 64 MiB), with the reason
        /// when it is above the default.
        /// </summary>
        public static MemoryChoice Choose(string defaultText, long defaultBytes, IEnumerable<MemoryNeed> reservations, IEnumerable<MemoryNeed> heaps)
        {
            var candidates = reservations.Select(r => (r.Bytes, Why: $"{r.Source} is {Show(r.Bytes)}"))
                .Concat(heaps.Select(h => (Bytes: RoundUp((long)Math.Ceiling(h.Bytes * HeapHeadroom)), Why: $"{h.Source} needs heap x {HeapHeadroom.ToString(CultureInfo.InvariantCulture)}")))
                .Where(c => c.Bytes > defaultBytes)
                .OrderByDescending(c => c.Bytes)
                .ToList();
            if (candidates.Count == 0)
            {
                return new MemoryChoice(defaultText, defaultBytes, null);
            }

            var top = candidates[0];
            return new MemoryChoice(Show(top.Bytes), top.Bytes, $"{top.Why}; the default {defaultText} would be below it");
        }

        private static long RoundUp(long bytes) => (bytes + Step - 1) / Step * Step;

        // Whole mebibytes, the unit compose and the engine both read ("640m"); a reservation of odd bytes rounds up.
        private static string Show(long bytes) => ((bytes + MiB - 1) / MiB).ToString(CultureInfo.InvariantCulture) + "m";
    }
}
