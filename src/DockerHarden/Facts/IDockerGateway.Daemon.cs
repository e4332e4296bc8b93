using System.Threading;
using System.Threading.Tasks;

namespace DockerHarden.Facts
{
    internal partial interface IDockerGateway
    {
        /// <summary>Info, version and the default bridge network: what the daemon rules read from the engine.</summary>
        Task<DaemonEngineFacts> GetDaemonEngineFactsAsync(CancellationToken cancellationToken);
    }
}
