using System;
using System.Text.RegularExpressions;
using DockerHarden.Facts;

namespace DockerHarden.Rules
{
    /// <summary>DH130's readings of an environment value; nothing here keeps or returns the value. Pure.</summary>
    internal static class EnvValues
    {
        // scheme://user:password@host: the userinfo of RFC 3986 with a non-empty password (postgres, mysql, mongodb,
        // mongodb+srv, amqp, redis, https...). "${VAR}" in place of the password is interpolated before this is asked.
        private static readonly Regex UrlCredential = new(@"\b[A-Za-z][A-Za-z0-9+.\-]*://[^\s/:@]*:[^\s/@]+@",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);

        public static EnvValueShape Shape(string value)
        {
            var v = value.Trim();
            if (v.Length == 0)
            {
                return EnvValueShape.None;
            }

            if (v.ToLowerInvariant() is "yes" or "no" or "true" or "false" or "on" or "off" or "y" or "n" or "0" or "1")
            {
                return EnvValueShape.Toggle;
            }

            return v.StartsWith("/run/secrets/", StringComparison.Ordinal) ? EnvValueShape.SecretFilePath : EnvValueShape.Literal;
        }

        /// <summary>True when the value holds a connection string with an inline password (scheme://user:password@...).</summary>
        public static bool HasUrlCredential(string value) => value.Contains("://", StringComparison.Ordinal) && UrlCredential.IsMatch(value);
    }
}
