using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DockerHarden.Facts
{
    /// <summary>Engine calls that create, start, swap and remove containers and networks (New-HardenedContainer).</summary>
    internal partial interface IDockerGateway
    {
        /// <summary>Inspects a local image; null when the engine has no such image (nothing is pulled).</summary>
        Task<ImageFacts?> InspectImageAsync(string reference, CancellationToken cancellationToken);

        /// <summary>Every local image reference (repo:tag), for completion.</summary>
        Task<IReadOnlyList<string>> ListImageReferencesAsync(CancellationToken cancellationToken);

        /// <summary>The create-time configuration of a container, with env values; null when it does not exist.</summary>
        Task<ContainerCreateConfig?> GetCreateConfigAsync(string id, CancellationToken cancellationToken);

        /// <summary>The container's run state; null when it does not exist.</summary>
        Task<ContainerRunState?> GetRunStateAsync(string id, CancellationToken cancellationToken);

        /// <summary>True when a network with exactly this name exists.</summary>
        Task<bool> NetworkExistsAsync(string name, CancellationToken cancellationToken);

        /// <summary>Creates a bridge network; the result's Id is the network id.</summary>
        Task<EngineResult> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken);

        Task<EngineResult> RemoveNetworkAsync(string id, CancellationToken cancellationToken);

        /// <summary>Creates a container; the result's Id is the container id.</summary>
        Task<EngineResult> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken);

        Task<EngineResult> StartContainerAsync(string id, CancellationToken cancellationToken);

        /// <summary>Stops a container, killing it after <paramref name="timeoutSeconds"/>; a stopped container is fine.</summary>
        Task<EngineResult> StopContainerAsync(string id, int timeoutSeconds, CancellationToken cancellationToken);

        Task<EngineResult> RenameContainerAsync(string id, string newName, CancellationToken cancellationToken);

        /// <summary>Removes a container (forced); its named volumes are kept.</summary>
        Task<EngineResult> RemoveContainerAsync(string id, CancellationToken cancellationToken);
    }

    /// <summary>How an engine request that may be refused for an expected reason ended.</summary>
    internal enum EngineResultKind
    {
        Ok,
        /// <summary>404: the image, container or network does not exist.</summary>
        NotFound,
        /// <summary>409: a name is in use, or the object is in a state that forbids the request.</summary>
        Conflict,
        /// <summary>Any other refusal (400, 500): the message says why (a port taken, a bad option).</summary>
        Failed,
    }

    /// <summary>
    /// The answer to a request the engine may refuse. Expected refusals are results, not exceptions, so the
    /// caller can roll back; transport failures still throw <see cref="EngineException"/>.
    /// </summary>
    internal sealed record EngineResult(EngineResultKind Kind, string Id, string Message)
    {
        public bool Ok => Kind == EngineResultKind.Ok;

        public static EngineResult Success(string id = "") => new(EngineResultKind.Ok, id, "");
    }
}
