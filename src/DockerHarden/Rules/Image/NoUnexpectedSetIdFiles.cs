using System;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;

namespace DockerHarden.Rules.Image
{
    /// <summary>DH306: the image's filesystem holds no setuid/setgid file beyond the policy's allow-list (CIS 4.8).</summary>
    internal sealed class NoUnexpectedSetIdFiles : ImageRule
    {
        private const int MaxListed = 20;

        public override RuleInfo Info { get; } = new(
            "DH306", nameof(NoUnexpectedSetIdFiles), "Remove setuid and setgid permissions from the image's files", Severity.Medium,
            "-", "4.8", "RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + in the final stage; list the few that are needed under setIdAllowed: in the policy file");

        public override string Description =>
            "Reads the image's layers as a stream (nothing is written to disk), merges them as the engine does (whiteouts remove lower files) and lists the regular files with the setuid or setgid bit that the policy's setIdAllowed list does not name.";

        public override string Rationale =>
            "A setuid binary is a way from the container's user to root inside it; most images need none. Removing the bits (or dropping SETUID/SETGID capabilities and setting no-new-privileges) closes that path.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            if (context.Image.SetIdFiles is not { } files)
            {
                return RuleOutcome.NotApplicable(context.Image.LayerScanNote.Length > 0 ? context.Image.LayerScanNote : "the image's layers were not scanned");
            }

            var allowed = files.Where(f => context.AllowedSetIdFiles.Any(p => Wildcard.IsMatch(p, f.Path))).ToList();
            var flagged = files.Except(allowed).ToList();
            var allowedText = allowed.Count > 0 ? $"; allowed by the policy: {string.Join(", ", allowed.Select(f => f.Path))}" : "";
            if (flagged.Count == 0)
            {
                return RuleOutcome.Pass($"no setuid or setgid file in the image's filesystem{allowedText}");
            }

            var listed = string.Join(", ", flagged.Take(MaxListed).Select(Describe)) +
                (flagged.Count > MaxListed ? $", and {flagged.Count - MaxListed} more" : "");
            return RuleOutcome.Fail($"{flagged.Count} setuid/setgid file(s): {listed}{allowedText}");
        }

        private static string Describe(SetIdFile f) =>
            $"{f.Path} ({(f.SetUid && f.SetGid ? "setuid+setgid" : f.SetUid ? "setuid" : "setgid")}, {Convert.ToString(f.Mode & 0xFFF, 8)})";
    }
}
