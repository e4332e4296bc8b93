using System;
using System.Collections.Generic;

namespace DockerHarden.Secrets
{
    /// <summary>
    /// Which names (variables, options, labels, log-opt and JSON keys) are credential-like, judged word by word. Pure.
    /// A name is cut into words at every character that is not a letter or digit and where a lower-case letter meets
    /// an upper-case one (<c>apiKey</c> is api + key), and is credential-like when
    /// <list type="bullet">
    /// <item>a word contains password, passwd, passphrase, secret, token or credential (PGPASSWORD, GITHUB_TOKEN);</item>
    /// <item>a word is key or keys, or a key compound such as apikey, accesskey, privatekey (API_KEY, KEY_ID, apiKey),
    /// but not a word that merely contains "key" (KEYCLOAK_URL, MONKEY, KEYBOARD_LAYOUT);</item>
    /// <item>a word is auth or authorization (HTTP_AUTH, Authorization), but not author or oauth;</item>
    /// <item>a word is pass, pwd or pw beside another word (DB_PASS, MYSQL_PWD; PWD alone is the working directory).</item>
    /// </list>
    /// </summary>
    internal static class SecretNames
    {
        private static readonly string[] Contained = { "password", "passwd", "passphrase", "secret", "token", "credential" };

        private static readonly HashSet<string> Whole = new(StringComparer.Ordinal) { "key", "keys", "auth", "authorization" };

        private static readonly HashSet<string> WithAnother = new(StringComparer.Ordinal) { "pass", "pwd", "pw" };

        // What may stand before "key" in one word: apikey, accesskey, privatekey... (not monkey, turkey, hockey).
        private static readonly HashSet<string> KeyCompounds = new(StringComparer.Ordinal)
        {
            "api", "access", "private", "signing", "sign", "encryption", "enc", "crypt", "master", "license", "client",
            "auth", "ssh", "hmac", "session", "app", "account", "service", "shared", "root", "jwt", "cookie", "secret",
            "deploy", "gpg", "pgp", "rsa", "tls", "ssl", "host", "server", "user", "storage", "sas", "subscription",
        };

        // Lower-case fragments one of which every credential-like name holds: text without any of them holds no such name.
        private static readonly string[] Hints = { "pass", "pwd", "pw", "secret", "token", "credential", "key", "auth" };

        /// <summary>Whether the name is credential-like (leading dashes and quotes aside).</summary>
        public static bool IsSecret(string name)
        {
            var words = Words(name);
            foreach (var word in words)
            {
                if (Whole.Contains(word) || (words.Count > 1 && WithAnother.Contains(word)) || IsKeyCompound(word))
                {
                    return true;
                }

                foreach (var c in Contained)
                {
                    if (word.Contains(c, StringComparison.Ordinal))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>False when the text cannot hold a credential-like name (a fast test before the patterns run).</summary>
        public static bool MayHold(string text)
        {
            foreach (var hint in Hints)
            {
                if (text.Contains(hint, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>False when the text cannot hold a value of a secret's shape (PEM key, JWT, a provider's token prefix).</summary>
        public static bool MayHoldShaped(string text) =>
            text.Contains("-----BEGIN", StringComparison.Ordinal) || text.Contains("eyJ", StringComparison.Ordinal) ||
            text.Contains("AKIA", StringComparison.Ordinal) || text.Contains("ASIA", StringComparison.Ordinal) ||
            text.Contains("gh", StringComparison.Ordinal) || text.Contains("glpat-", StringComparison.Ordinal) ||
            text.Contains("xox", StringComparison.Ordinal) || text.Contains("k_live_", StringComparison.Ordinal);

        /// <summary>The lower-case words of a name: cut at non-alphanumerics and at lower-to-upper case changes.</summary>
        internal static List<string> Words(string name)
        {
            var words = new List<string>();
            int start = -1;
            for (int i = 0; i <= name.Length; i++)
            {
                bool end = i == name.Length || !char.IsLetterOrDigit(name[i]) ||
                    (i > 0 && char.IsLower(name[i - 1]) && char.IsUpper(name[i]));
                if (end && start >= 0)
                {
                    words.Add(name.Substring(start, i - start).ToLowerInvariant());
                    start = -1;
                }

                if (i < name.Length && char.IsLetterOrDigit(name[i]) && start < 0)
                {
                    start = i;
                }
            }

            return words;
        }

        private static bool IsKeyCompound(string word) =>
            word.Length > 3 && (word.EndsWith("key", StringComparison.Ordinal) || word.EndsWith("keys", StringComparison.Ordinal)) &&
            KeyCompounds.Contains(word.Substring(0, word.Length - (word.EndsWith("s", StringComparison.Ordinal) ? 4 : 3)));
    }
}
