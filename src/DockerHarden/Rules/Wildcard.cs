using System.Text.RegularExpressions;

namespace DockerHarden.Rules
{
    /// <summary>PowerShell-style * and ? matching, case-insensitive, without PowerShell types (the rules stay pure).</summary>
    internal static class Wildcard
    {
        public static bool IsMatch(string pattern, string value) =>
            Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$",
                RegexOptions.IgnoreCase | RegexOptions.Singleline);
    }
}
