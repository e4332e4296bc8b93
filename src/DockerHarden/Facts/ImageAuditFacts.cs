using System;
using System.Collections.Generic;

namespace DockerHarden.Facts
{
    /// <summary>
    /// What the image rules (DH3xx) judge, in terms a built image and a Dockerfile both have: the final user,
    /// healthcheck, environment and label names, the build steps' command text, exposed ports, creation time and the
    /// reference. Values of the environment and labels are never kept, only their shape.
    /// </summary>
    internal sealed record ImageAuditFacts
    {
        /// <summary>Full image id (sha256:...); empty for a Dockerfile that is not built.</summary>
        public string Id { get; init; } = "";
        /// <summary>The reference the image is judged by (what the user named, else its first repo:tag); empty when untagged.</summary>
        public string Reference { get; init; } = "";
        public IReadOnlyList<string> RepoTags { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> RepoDigests { get; init; } = Array.Empty<string>();
        /// <summary>USER of the image; empty means root.</summary>
        public string User { get; init; } = "";
        /// <summary>HEALTHCHECK test; empty when none.</summary>
        public IReadOnlyList<string> HealthcheckTest { get; init; } = Array.Empty<string>();
        /// <summary>ENV entries: names and value shapes, never values.</summary>
        public IReadOnlyList<EnvVarFact> Environment { get; init; } = Array.Empty<EnvVarFact>();
        /// <summary>LABEL entries: names and value shapes, never values.</summary>
        public IReadOnlyList<EnvVarFact> Labels { get; init; } = Array.Empty<EnvVarFact>();
        /// <summary>The build steps, oldest first (image history, or a Dockerfile's instructions).</summary>
        public IReadOnlyList<BuildStep> History { get; init; } = Array.Empty<BuildStep>();
        /// <summary>Exposed ports as "80/tcp".</summary>
        public IReadOnlyList<string> ExposedPorts { get; init; } = Array.Empty<string>();
        /// <summary>When the image was created; null when unknown.</summary>
        public DateTimeOffset? Created { get; init; }
        /// <summary>The setuid/setgid files of the merged filesystem; null when the layers were not scanned.</summary>
        public IReadOnlyList<SetIdFile>? SetIdFiles { get; init; }
        /// <summary>Why <see cref="SetIdFiles"/> is null (-SkipLayerScan, a Dockerfile).</summary>
        public string LayerScanNote { get; init; } = "";
    }

    /// <summary>One build step: its command text as recorded (history CreatedBy, or a Dockerfile instruction line).</summary>
    internal sealed record BuildStep
    {
        /// <summary>Position among the steps, 1-based, oldest first.</summary>
        public int Index { get; init; }
        /// <summary>The command as recorded; may hold build-arg values, so it is only ever printed masked.</summary>
        public string Command { get; init; } = "";
    }

    /// <summary>A file with the setuid or setgid bit in the merged filesystem of an image.</summary>
    internal sealed record SetIdFile
    {
        /// <summary>Absolute path inside the image, for example /bin/su.</summary>
        public string Path { get; init; } = "";
        public bool SetUid { get; init; }
        public bool SetGid { get; init; }
        /// <summary>The file's permission bits (octal as in ls, for example 4755).</summary>
        public int Mode { get; init; }
    }
}
