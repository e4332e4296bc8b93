using System.Linq;
using System.Text.RegularExpressions;
using DockerHarden.Models;
using DockerHarden.Secrets;

namespace DockerHarden.Rules.Image
{
    /// <summary>DH304: no ADD of a remote URL and no download piped into a shell in the build steps (CIS 4.9).</summary>
    internal sealed class NoRemoteFetchIntoShell : ImageRule
    {
        private const int MaxQuoted = 120;

        // ADD https://... (a Dockerfile line, or the text a builder recorded).
        private static readonly Regex RemoteAdd = new(@"(^|\s|#\(nop\)\s*)ADD\s+(--[\w-]+(=\S+)?\s+)*(https?|ftp)://",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // curl/wget ... | sh, and sh -c "$(curl ...)" / bash <(wget ...).
        private static readonly Regex PipeToShell = new(
            @"\b(curl|wget)\b[^|;&\n]*\|\s*(sudo\s+(-\S+\s+)*)?(env\s+\S+\s+)*(/usr)?(/bin/)?(ba|da|z|k|a)?sh\b" +
            @"|\b(ba|da|z|k|a)?sh\s+(-c\s+)?[""']?(\$\(|<\()\s*(curl|wget)\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        public override RuleInfo Info { get; } = new(
            "DH304", nameof(NoRemoteFetchIntoShell), "Do not ADD remote URLs or pipe downloads into a shell", Severity.Medium,
            "-", "4.9", "COPY verified files into the image, or download with curl -fsSLo FILE, check its sha256sum, then run it; never curl | sh or ADD https://...");

        public override string Description =>
            "Checks the build steps (the image history, or the Dockerfile's instructions) for ADD of an http(s)/ftp URL and for curl or wget output piped into a shell.";

        public override string Rationale =>
            "A remote file fetched at build time is whatever the server (or anyone in the path) sends that day: unpinned, unverified, and run as root when it is piped into sh. COPY of a checked file makes the build repeatable and reviewable.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            var hits = context.Image.History
                .Select(s => (s.Index, Remote: RemoteAdd.IsMatch(s.Command), Piped: PipeToShell.IsMatch(s.Command), s.Command))
                .Where(h => h.Remote || h.Piped)
                .Select(h => $"step {h.Index} {(h.Remote ? "ADDs a remote URL" : "pipes a download into a shell")}: {Quote(h.Command)}")
                .ToList();
            return hits.Count > 0
                ? RuleOutcome.Fail(string.Join("; ", hits))
                : RuleOutcome.Pass($"none of {context.Image.History.Count} build step(s) ADDs a URL or pipes a download into a shell");
        }

        private static string Quote(string command)
        {
            var text = SecretMask.Text(Regex.Replace(command.Trim(), @"\s+", " "));
            return text.Length <= MaxQuoted ? $"'{text}'" : $"'{text.Substring(0, MaxQuoted)}...'";
        }
    }
}
