using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using Docker.DotNet.Handler.Abstractions;
using Docker.DotNet.X509;
using DockerHarden.Facts;

namespace DockerHarden.Adapters.Docker
{
    /// <summary>The Docker.DotNet implementation of <see cref="IDockerGateway"/>.</summary>
    internal sealed partial class DockerGateway : IDockerGateway
    {
        private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
        private readonly DockerClient _client;

        public DockerGateway(string? dockerHost)
        {
            var endpoint = DockerEndpoint.Resolve(dockerHost);
            Endpoint = endpoint.Host;
            UsesTls = endpoint.CertDirectory is not null;
            try
            {
                IAuthProvider auth = NoopAuthProvider.Instance;
                if (endpoint.CertDirectory is not null)
                {
                    auth = DockerTlsCertificates
                        .LoadFromDirectory(endpoint.CertDirectory, true, "ca.pem", "cert.pem", "key.pem")
                        .CreateCredentials();
                }

                // Docker.DotNet picks the transport for the scheme; the TLS provider configures that transport, and
                // every answer is then read through the 64 MB cap (BoundedAuthProvider wraps the configured handler).
                _client = new DockerClientBuilder().WithEndpoint(new Uri(endpoint.Host)).WithTimeout(RequestTimeout)
                    .WithAuthProvider(new BoundedAuthProvider(auth)).Build();
            }
            catch (Exception e) when (e is UriFormatException or ArgumentException or NotSupportedException or DockerConfigurationException)
            {
                throw new EngineException(EngineErrorKind.InvalidConfiguration, Endpoint,
                    $"'{Endpoint}' (from {endpoint.Source}) is not a usable Docker endpoint: {e.Message}", e);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new EngineException(EngineErrorKind.InvalidConfiguration, Endpoint,
                    $"The TLS certificates for '{Endpoint}' in {endpoint.CertDirectory} could not be loaded: {e.Message}", e);
            }
        }

        public string Endpoint { get; }

        /// <summary>True when the client presents TLS certificates (DOCKER_TLS_VERIFY or a TLS context).</summary>
        public bool UsesTls { get; }

        public Task<EngineFacts> GetEngineFactsAsync(CancellationToken cancellationToken) => Call(async () =>
        {
            var info = await _client.System.GetSystemInfoAsync(cancellationToken).ConfigureAwait(false);
            return ToEngineFacts(info);
        }, cancellationToken);

        /// <summary>What the container rules read from the engine's info.</summary>
        private EngineFacts ToEngineFacts(SystemInfoResponse info) => new()
        {
            Endpoint = Endpoint,
            SecurityOptions = info.SecurityOptions?.ToList() ?? new List<string>(),
            StorageDriver = info.Driver ?? "",
            BackingFilesystem = info.DriverStatus?.FirstOrDefault(pair => pair.Length == 2 && pair[0] == "Backing Filesystem")?[1] ?? "",
            DefaultLogDriver = info.LoggingDriver ?? "",
        };

        public Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(CancellationToken cancellationToken) => Call(async () =>
        {
            // Unfiltered on purpose: the fleet rules (DH110) need every container, not just the selected ones.
            var parameters = new ContainersListParameters { All = true };
            var list = await _client.Containers.ListContainersAsync(parameters, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<ContainerSummary>)list.Select(c => new ContainerSummary
            {
                Id = c.ID,
                Names = c.Names?.Select(TrimSlash).ToList() ?? new List<string>(),
                Image = c.Image ?? "",
                State = c.State ?? "",
                Networks = c.NetworkSettings?.Networks?.Keys.ToList() ?? new List<string>(),
                Labels = c.Labels is null ? new Dictionary<string, string>() : new Dictionary<string, string>(c.Labels),
            }).ToList();
        }, cancellationToken);

        public Task<ContainerFacts?> InspectContainerAsync(string id, CancellationToken cancellationToken) => Call(async () =>
        {
            try
            {
                var inspect = await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
                return (ContainerFacts?)InspectMapper.ToFacts(inspect);
            }
            catch (DockerContainerNotFoundException)
            {
                return null;
            }
        }, cancellationToken);

        public void Dispose() => _client.Dispose();

        private static string TrimSlash(string name) => name.TrimStart('/');

        /// <summary>Runs one engine call and turns transport and API failures into <see cref="EngineException"/>.</summary>
        private async Task<T> Call<T>(Func<Task<T>> call, CancellationToken cancellationToken)
        {
            try
            {
                return await call().ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new EngineException(EngineErrorKind.PermissionDenied, Endpoint, $"The engine at {Endpoint} refused the request: {e.Message}", e);
            }
            catch (DockerApiException e)
            {
                throw new EngineException(EngineErrorKind.RequestFailed, Endpoint, $"The engine at {Endpoint} answered with an error: {e.Message}", e);
            }
            catch (Exception e) when (Find<SocketException>(e)?.SocketErrorCode == SocketError.AccessDenied || e is UnauthorizedAccessException)
            {
                throw new EngineException(EngineErrorKind.PermissionDenied, Endpoint, $"permission denied opening {Endpoint}", e);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (Find<ResponseTooLargeException>(e) is { } large)
            {
                throw new EngineException(EngineErrorKind.RequestFailed, Endpoint,
                    $"The engine at {Endpoint} sent an answer too large to be a Docker engine's: {large.Message}; the call was stopped there", e);
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                throw new EngineException(EngineErrorKind.Unreachable, Endpoint, DescribeTransportFailure(e), e);
            }
            catch (Exception e) when (Find<System.Text.Json.JsonException>(e) is not null)
            {
                // Something answered, but not with the JSON an engine sends: a cut-off answer or another kind of server.
                throw new EngineException(EngineErrorKind.RequestFailed, Endpoint,
                    $"The answer from {Endpoint} is not the JSON a Docker engine sends (it was cut off, or what listens there is not a Docker engine)", e);
            }
        }

        /// <summary>Transport failures arrive bare or wrapped (the managed handler throws AggregateException).</summary>
        private static bool IsTransportFailure(Exception? e)
        {
            for (; e is not null; e = e.InnerException)
            {
                if (e is HttpRequestException or SocketException or IOException or TimeoutException or AuthenticationException
                    or OperationCanceledException or DockerConfigurationException)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>What went wrong, in plain words for the DockerDaemonUnreachable message: never the bare text of a .NET exception.</summary>
        private string DescribeTransportFailure(Exception e)
        {
            // A request timeout surfaces as a cancellation of a token nobody cancelled: the engine did not answer.
            if (Find<OperationCanceledException>(e) is not null || Find<TimeoutException>(e) is not null)
            {
                return $"no answer within {RequestTimeout.TotalSeconds:0} s";
            }

            const string unix = "unix://";
            if (Endpoint.StartsWith(unix, StringComparison.OrdinalIgnoreCase) && !File.Exists(Endpoint.Substring(unix.Length)))
            {
                return $"the socket {Endpoint.Substring(unix.Length)} does not exist";
            }

            return TransportFailureText(e);
        }

        /// <summary>The transport failure in plain words, from the socket error or the stage at which the exchange broke.</summary>
        internal static string TransportFailureText(Exception e)
        {
            if (Find<SocketException>(e)?.SocketErrorCode is { } code)
            {
                return code switch
                {
                    SocketError.ConnectionRefused => "the connection was refused: nothing listens there",
                    SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData => "the host name could not be resolved",
                    SocketError.TimedOut => "the connection timed out",
                    SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown or SocketError.HostDown =>
                        "the network or the host is unreachable",
                    SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected =>
                        "the connection was reset before an answer came",
                    SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported => "the address cannot be used from this machine",
                    _ => $"the connection failed (socket error {code})",
                };
            }

            if (Find<AuthenticationException>(e) is not null)
            {
                return "the TLS handshake failed: the engine's certificate is not trusted by the CA in DOCKER_CERT_PATH (ca.pem), " +
                       "or the engine refused our client certificate, or the engine does not speak TLS there";
            }

            if (Find<DockerConfigurationException>(e) is not null)
            {
                return "the client configuration for this endpoint is not usable (check DOCKER_HOST, the docker context and DOCKER_CERT_PATH)";
            }

            // Docker.DotNet's own HTTP reader fails with InvalidOperationException ("no elements") on an empty answer and with
            // HttpRequestException on an answer that is not HTTP; IOException and EndOfStreamException mean a cut-off stream.
            if (Find<InvalidOperationException>(e) is not null || Find<EndOfStreamException>(e) is not null || Find<IOException>(e) is not null)
            {
                return "the connection was closed before an answer came (is a Docker engine listening there, and does it expect TLS?)";
            }

            return "the answer was not HTTP (is a Docker engine listening there, and does it expect TLS?)";
        }

        private static T? Find<T>(Exception? e)
            where T : Exception
        {
            for (; e is not null; e = e.InnerException)
            {
                if (e is T found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}
