using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerHarden.Facts;

namespace DockerHarden.Adapters.Docker
{
    /// <summary>List, inspect, history and export of local images: the engine side of Get-ImageHardening.</summary>
    internal sealed partial class DockerGateway
    {
        // Docker.DotNet's chunked reader loses its place when asked for a few bytes at a time (tar headers are 512):
        // the archive is read from it in large blocks only.
        private const int ReadSize = 64 * 1024;

        public Task<IReadOnlyList<ImageSummary>> ListImagesAsync(bool all, CancellationToken cancellationToken) => Call(async () =>
        {
            var images = await _client.Images.ListImagesAsync(new ImagesListParameters { All = all }, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<ImageSummary>)images.Select(i => new ImageSummary
            {
                Id = i.ID ?? "",
                RepoTags = RealTags(i.RepoTags),
                RepoDigests = (i.RepoDigests ?? new List<string>()).Where(d => !d.StartsWith("<none>", StringComparison.Ordinal)).ToList(),
            }).ToList();
        }, cancellationToken);

        public Task<ImageAuditFacts?> GetImageAuditFactsAsync(string reference, CancellationToken cancellationToken) => Call(async () =>
        {
            ImageInspectResponse image;
            try
            {
                image = await _client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            // History is newest first; the rules read steps oldest first, as a Dockerfile is written.
            var history = await _client.Images.GetImageHistoryAsync(image.ID, cancellationToken).ConfigureAwait(false);
            var steps = history.Reverse().Select((h, i) => new BuildStep { Index = i + 1, Command = h.CreatedBy ?? "" }).ToList();
            var config = image.Config;
            return (ImageAuditFacts?)new ImageAuditFacts
            {
                Id = image.ID ?? "",
                RepoTags = RealTags(image.RepoTags),
                RepoDigests = image.RepoDigests?.ToList() ?? new List<string>(),
                User = config?.User ?? "",
                HealthcheckTest = config?.Healthcheck?.Test?.ToList() ?? new List<string>(),
                Environment = (config?.Env ?? new List<string>()).Select(EnvVarFact.FromEntry).ToList(),
                Labels = (config?.Labels ?? new Dictionary<string, string>()).Select(l => EnvVarFact.Of(l.Key, l.Value ?? "")).ToList(),
                History = steps,
                ExposedPorts = config?.ExposedPorts?.Keys.ToList() ?? new List<string>(),
                Created = Created(image.Created),
            };
        }, cancellationToken);

        public Task<Stream> ExportImageAsync(string id, CancellationToken cancellationToken) => Call(async () =>
            (Stream)new BufferedStream(new BlockingReadStream(await _client.Images.SaveImageAsync(id, cancellationToken).ConfigureAwait(false), cancellationToken), ReadSize),
            cancellationToken);

        private static List<string> RealTags(IEnumerable<string>? tags) =>
            (tags ?? Enumerable.Empty<string>()).Where(t => !string.IsNullOrEmpty(t) && t != "<none>:<none>").ToList();

        private static DateTimeOffset? Created(DateTime? created) =>
            created is { } c && c.Year > 1970 ? new DateTimeOffset(DateTime.SpecifyKind(c, c.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : c.Kind)) : null;
    }

    /// <summary>
    /// The archive stream with synchronous reads: the chunked HTTP stream reads only asynchronously, and the tar reader
    /// reads synchronously on a pool thread of its own, so each read waits for its asynchronous one.
    /// </summary>
    internal sealed class BlockingReadStream : Stream
    {
        private readonly Stream _inner;
        private readonly CancellationToken _cancellationToken;
        private bool _ended;

        public BlockingReadStream(Stream inner, CancellationToken cancellationToken)
        {
            _inner = inner;
            _cancellationToken = cancellationToken;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_ended)
            {
                return 0;
            }

            try
            {
                return _inner.ReadAsync(buffer.AsMemory(offset, count), _cancellationToken).AsTask().GetAwaiter().GetResult();
            }
            catch (EndOfStreamException)
            {
                // Docker.DotNet's chunked reader throws at the final chunk of some answers instead of returning 0. A stream
                // that really breaks off is still caught: the tar reader then misses the bytes of its header or entry.
                _ended = true;
                return 0;
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            _inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            _inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
