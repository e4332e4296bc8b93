using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace DockerHarden.Facts
{
    /// <summary>Engine calls that read local images (Get-ImageHardening).</summary>
    internal partial interface IDockerGateway
    {
        /// <summary>Every local image (with <paramref name="all"/>, intermediate ones too): one list call.</summary>
        Task<IReadOnlyList<ImageSummary>> ListImagesAsync(bool all, CancellationToken cancellationToken);

        /// <summary>Inspect and history of one local image; null when the engine has no such image (nothing is pulled).</summary>
        Task<ImageAuditFacts?> GetImageAuditFactsAsync(string reference, CancellationToken cancellationToken);

        /// <summary>
        /// The image's archive as the engine streams it (docker save): read once, front to back, by the caller, which
        /// disposes it. Not held to the answer cap of the other calls: its size is the image's.
        /// </summary>
        Task<Stream> ExportImageAsync(string id, CancellationToken cancellationToken);
    }

    /// <summary>One row of the image list: enough to select images by name, tag or id.</summary>
    internal sealed class ImageSummary
    {
        /// <summary>Full id, sha256:...</summary>
        public string Id { get; init; } = "";
        /// <summary>repo:tag references; empty for a dangling or intermediate image.</summary>
        public IReadOnlyList<string> RepoTags { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> RepoDigests { get; init; } = Array.Empty<string>();
    }
}
