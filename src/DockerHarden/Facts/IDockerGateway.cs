using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DockerHarden.Facts
{
    /// <summary>
    /// The module's only door to a Docker engine. Implemented in DockerHarden.Adapters (private load context),
    /// so no Docker.DotNet type crosses it: facts in plain types, errors as <see cref="EngineException"/>.
    /// </summary>
    internal partial interface IDockerGateway : IDisposable
    {
        /// <summary>The endpoint as shown to users.</summary>
        string Endpoint { get; }

        Task<EngineFacts> GetEngineFactsAsync(CancellationToken cancellationToken);

        /// <summary>Every container, in every state: one list call.</summary>
        Task<IReadOnlyList<ContainerSummary>> ListContainersAsync(CancellationToken cancellationToken);

        /// <summary>Inspects one container; null when it no longer exists.</summary>
        Task<ContainerFacts?> InspectContainerAsync(string id, CancellationToken cancellationToken);
    }

    /// <summary>One row of the container list: enough to select containers and see their networks.</summary>
    internal sealed class ContainerSummary
    {
        public string Id { get; init; } = "";
        /// <summary>Names without the leading slash.</summary>
        public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();
        public string Image { get; init; } = "";
        public string State { get; init; } = "";
        /// <summary>Names of the networks the container is attached to.</summary>
        public IReadOnlyList<string> Networks { get; init; } = Array.Empty<string>();
        public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    }

    /// <summary>What went wrong talking to the engine.</summary>
    internal enum EngineErrorKind
    {
        /// <summary>Nothing answers at the endpoint (no socket, refused, timed out, TLS failed).</summary>
        Unreachable,
        /// <summary>The socket or API refused us (permission denied, 401/403).</summary>
        PermissionDenied,
        /// <summary>The endpoint string or the context/TLS configuration is unusable.</summary>
        InvalidConfiguration,
        /// <summary>The engine answered with an error.</summary>
        RequestFailed,
    }

    /// <summary>An engine problem, in our terms, raised by the adapter.</summary>
    internal sealed class EngineException : Exception
    {
        public EngineException(EngineErrorKind kind, string endpoint, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            Endpoint = endpoint;
        }

        public EngineErrorKind Kind { get; }
        public string Endpoint { get; }
    }
}
