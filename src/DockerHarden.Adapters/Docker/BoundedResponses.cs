using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet.Handler.Abstractions;

namespace DockerHarden.Adapters.Docker
{
    /// <summary>An engine answer longer than the cap: the call is refused instead of buffering without end.</summary>
    internal sealed class ResponseTooLargeException : Exception
    {
        public ResponseTooLargeException(string request, long limit)
            : base($"the answer to {request} is larger than {limit / (1024 * 1024)} MB")
        {
            Request = request;
        }

        /// <summary>The method and path of the request, for example "GET /info".</summary>
        public string Request { get; }
    }

    /// <summary>
    /// Wraps the handler Docker.DotNet configures for the endpoint (its transport for the scheme, with TLS client
    /// certificates applied by the inner provider) so that every answer is read through
    /// <see cref="BoundedResponseHandler"/>: a list or inspect answer is a few megabytes at most, and an endpoint that
    /// streams without end must fail after <see cref="BoundedResponseHandler.Limit"/> bytes, not after the 30 s timeout
    /// with gigabytes buffered. Wrapping after the provider matters: the TLS provider configures the transport's own
    /// handler type and would not recognise a wrapper.
    /// </summary>
    internal sealed class BoundedAuthProvider : IAuthProvider
    {
        private readonly IAuthProvider _inner;

        public BoundedAuthProvider(IAuthProvider inner) => _inner = inner;

        public bool TlsEnabled => _inner.TlsEnabled;

        public HttpMessageHandler ConfigureHandler(HttpMessageHandler handler) =>
            new BoundedResponseHandler(_inner.ConfigureHandler(handler));
    }

    /// <summary>Caps the body of every answer: a declared length over the cap fails at once, a streamed one at the cap.</summary>
    internal sealed class BoundedResponseHandler : DelegatingHandler
    {
        /// <summary>The largest answer read (64 MB): far above any list or inspect answer, far below trouble.</summary>
        public const long Limit = 64L * 1024 * 1024;

        public BoundedResponseHandler(HttpMessageHandler inner)
            : base(inner)
        {
        }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var name = $"{request.Method} {request.RequestUri?.AbsolutePath}";
            if (IsImageExport(request))
            {
                // The image archive is as large as the image: its one reader (the layer scan) streams it with bounded memory.
                return response;
            }

            if (response.Content.Headers.ContentLength is > Limit)
            {
                response.Dispose();
                throw new ResponseTooLargeException(name, Limit);
            }

            var original = response.Content;
            var body = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var bounded = new StreamContent(new BoundedStream(body, Limit, name));
            foreach (var header in original.Headers)
            {
                bounded.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = bounded;
            return response;
        }

        /// <summary>GET /images/{name}/get or /images/get?names= (docker save), with or without a version prefix.</summary>
        internal static bool IsImageExport(HttpRequestMessage request) =>
            request.Method == HttpMethod.Get && request.RequestUri is { } uri &&
            System.Text.RegularExpressions.Regex.IsMatch(uri.AbsolutePath, @"^(/v[0-9.]+)?/images/(.+/)?get$");
    }

    /// <summary>A read-only stream that fails once more than its limit has been read.</summary>
    internal sealed class BoundedStream : Stream
    {
        private readonly Stream _inner;
        private readonly long _limit;
        private readonly string _request;
        private long _read;

        public BoundedStream(Stream inner, long limit, string request)
        {
            _inner = inner;
            _limit = limit;
            _request = request;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await _inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).ConfigureAwait(false));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        private int Count(int n)
        {
            _read += n;
            if (_read > _limit)
            {
                throw new ResponseTooLargeException(_request, _limit);
            }

            return n;
        }

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
