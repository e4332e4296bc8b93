using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace DockerHarden.Facts
{
    /// <summary>Engine calls of the service view (Get-ServiceHardening): a swarm manager's services and tasks.</summary>
    internal partial interface IDockerGateway
    {
        /// <summary>Info and version: the API version and the swarm role of the engine.</summary>
        Task<SwarmEngineFacts> GetSwarmEngineFactsAsync(CancellationToken cancellationToken);

        /// <summary>Every service with its full spec: one list call (networks resolved once per network).</summary>
        Task<IReadOnlyList<SwarmServiceFacts>> ListServicesAsync(CancellationToken cancellationToken);

        /// <summary>The tasks of one service that are meant to run (desired state running), with their node's name.</summary>
        Task<IReadOnlyList<SwarmTaskFacts>> ListServiceTasksAsync(string serviceId, CancellationToken cancellationToken);
    }
}
