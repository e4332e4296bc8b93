using System.Globalization;

namespace DockerHarden.Rules
{
    /// <summary>Byte counts as people read them in evidence (256MiB, 1.5GiB).</summary>
    internal static class Sizes
    {
        private static readonly string[] Units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };

        public static string Format(long bytes)
        {
            if (bytes < 0)
            {
                return bytes.ToString(CultureInfo.InvariantCulture) + "B";
            }

            double value = bytes;
            int unit = 0;
            while (value >= 1024 && unit < Units.Length - 1)
            {
                value /= 1024;
                unit++;
            }

            return value.ToString("0.##", CultureInfo.InvariantCulture) + Units[unit];
        }
    }
}
