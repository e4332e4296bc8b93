using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>The audit of one local image: every selected image rule's finding and the summary figures.</summary>
    public sealed class ImageHardeningReport : HardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public ImageHardeningReport(string name, string imageId, IEnumerable<string> repoTags, DateTimeOffset? created, string user,
            bool layersScanned, string dockerHost, IReadOnlyList<HardeningFinding> findings, Severity failOn)
            : base(findings, failOn)
        {
            Name = name;
            ImageId = imageId;
            RepoTags = repoTags.ToArray();
            Created = created;
            User = user;
            LayersScanned = layersScanned;
            DockerHost = dockerHost;
        }

        /// <summary>The reference the image was audited by (repo:tag), or its short id when it has no tag.</summary>
        public string Name { get; }

        /// <summary>Full image id (sha256:...).</summary>
        public string ImageId { get; }

        /// <summary>Every repo:tag of the image.</summary>
        public string[] RepoTags { get; }

        /// <summary>When the image was created, or null when not recorded.</summary>
        public DateTimeOffset? Created { get; }

        /// <summary>The image's USER; empty means root.</summary>
        public string User { get; }

        /// <summary>True when the layers were read for setuid/setgid files (not with -SkipLayerScan).</summary>
        public bool LayersScanned { get; }

        /// <summary>The engine endpoint that was audited.</summary>
        public string DockerHost { get; }
    }
}
