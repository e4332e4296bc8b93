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
                var builder = new DockerClientBuilder().WithEndpoint(new Uri(endpoint.Host)).WithTimeout(RequestTimeout);
                if (endpoint.CertDirectory is not null)
                {
                    builder = builder.WithAuthProvider(DockerTlsCertificates
                        .LoadFromDirectory(endpoint.CertDirectory, true, "ca.pem", "cert.pem", "key.pem")
                        .CreateCredentials());
                }

                _client = builder.Build();
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
            var backing = info.DriverStatus?
                .FirstOrDefault(pair => pair.Length == 2 && pair[0] == "Backing Filesystem")?[1] ?? "";
            return new EngineFacts
            {
                Endpoint = Endpoint,
                SecurityOptions = info.SecurityOptions?.ToList() ?? new List<string>(),
                StorageDriver = info.Driver ?? "",
                BackingFilesystem = backing,
                DefaultLogDriver = info.LoggingDriver ?? "",
            };
        }, cancellationToken);

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
            catch (Exception e) when (FindSocketError(e) == SocketError.AccessDenied || e is UnauthorizedAccessException)
            {
                throw new EngineException(EngineErrorKind.PermissionDenied, Endpoint, $"Permission denied opening {Endpoint}: {Innermost(e).Message}", e);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                throw new EngineException(EngineErrorKind.Unreachable, Endpoint, DescribeTransportFailure(e), e);
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

        private string DescribeTransportFailure(Exception e)
        {
            // A request timeout surfaces as a cancellation of a token nobody cancelled: the engine did not answer.
            if (e is OperationCanceledException)
            {
                return $"no answer within {RequestTimeout.TotalSeconds:0} s";
            }

            const string unix = "unix://";
            if (Endpoint.StartsWith(unix, StringComparison.OrdinalIgnoreCase) && !File.Exists(Endpoint.Substring(unix.Length)))
            {
                return $"the socket {Endpoint.Substring(unix.Length)} does not exist";
            }

            return Innermost(e).Message;
        }

        private static SocketError? FindSocketError(Exception? e)
        {
            for (; e is not null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    return socket.SocketErrorCode;
                }
            }

            return null;
        }

        private static Exception Innermost(Exception e)
        {
            while (e.InnerException is not null)
            {
                e = e.InnerException;
            }

            return e;
        }
    }
}
