using System;
using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules
{
    /// <summary>Everything an image rule may look at: the image's facts and the caller's choices (-MaxAge, the set-id allow-list).</summary>
    internal sealed class ImageContext
    {
        public ImageContext(ImageAuditFacts image, TimeSpan? maxAge = null, IReadOnlyCollection<string>? allowedSetIdFiles = null, DateTimeOffset? now = null)
        {
            Image = image;
            MaxAge = maxAge ?? DefaultMaxAge;
            AllowedSetIdFiles = allowedSetIdFiles ?? Array.Empty<string>();
            Now = now ?? DateTimeOffset.UtcNow;
        }

        /// <summary>The age at which an image counts as stale when the caller names none (DH308).</summary>
        public static TimeSpan DefaultMaxAge { get; } = TimeSpan.FromDays(180);

        public ImageAuditFacts Image { get; }
        public TimeSpan MaxAge { get; }
        /// <summary>Paths (wildcards) of setuid/setgid files the policy accepts (DH306).</summary>
        public IReadOnlyCollection<string> AllowedSetIdFiles { get; }
        public DateTimeOffset Now { get; }
    }

    /// <summary>
    /// One DH3xx rule. Pure: image facts in, an outcome out; no I/O, no PowerShell types. One class per rule under
    /// Rules/Image, found by type in <see cref="RuleCatalog"/>. The facts are view-neutral (a built image or a
    /// Dockerfile), so a rule holds no knowledge of where they came from.
    /// </summary>
    internal abstract class ImageRule
    {
        public abstract RuleInfo Info { get; }

        /// <summary>What the rule checks, for Get-HardeningRule.</summary>
        public abstract string Description { get; }

        /// <summary>Why it matters, for Get-HardeningRule.</summary>
        public abstract string Rationale { get; }

        public abstract RuleOutcome Evaluate(ImageContext context);

        /// <summary>The rule's fix; image rules are fixed in the Dockerfile, so none has an applier yet.</summary>
        public virtual RuleFix Fix => RuleFix.None;
    }
}
