using System;
using System.Globalization;

namespace DockerHarden.Views.Compose
{
    /// <summary>Compose's readings of scalar values: booleans, byte sizes, CPU counts.</summary>
    internal static class ComposeValues
    {
        /// <summary>YAML 1.1 and 1.2 true (compose 1.x reads yes/on too).</summary>
        public static bool IsTrue(string value) =>
            value.Trim().ToLowerInvariant() is "true" or "yes" or "on" or "y";

        public static bool IsFalse(string value) =>
            value.Trim().ToLowerInvariant() is "false" or "no" or "off" or "n";

        /// <summary>Bytes from "256m", "1g", "1.5gb", "1024", "512MiB"; null when unreadable; -1 stays -1.</summary>
        public static long? ParseBytes(string value)
        {
            var v = value.Trim().ToLowerInvariant();
            if (v.Length == 0)
            {
                return null;
            }

            if (v == "-1")
            {
                return -1;
            }

            int end = 0;
            while (end < v.Length && (char.IsDigit(v[end]) || v[end] == '.'))
            {
                end++;
            }

            if (!double.TryParse(v.Substring(0, end), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            var unit = v.Substring(end).Trim();
            if (unit.EndsWith("ib", StringComparison.Ordinal))
            {
                unit = unit.Substring(0, unit.Length - 2);
            }
            else if (unit.Length > 1 && unit.EndsWith("b", StringComparison.Ordinal))
            {
                unit = unit.Substring(0, unit.Length - 1);
            }

            double factor = unit switch
            {
                "" or "b" => 1,
                "k" => 1024d,
                "m" => 1024d * 1024,
                "g" => 1024d * 1024 * 1024,
                "t" => 1024d * 1024 * 1024 * 1024,
                _ => double.NaN,
            };
            return double.IsNaN(factor) ? null : (long)(number * factor);
        }

        /// <summary>Nano-CPUs from "1.5" or "0.25"; null when unreadable.</summary>
        public static long? ParseNanoCpus(string value) =>
            double.TryParse(value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var cpus) && cpus >= 0
                ? (long)Math.Round(cpus * 1e9)
                : null;

        public static long? ParseLong(string value) =>
            long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
    }
}
