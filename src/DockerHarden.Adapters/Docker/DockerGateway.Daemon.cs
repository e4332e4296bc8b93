using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerHarden.Facts;

namespace DockerHarden.Adapters.Docker
{
    internal sealed partial class DockerGateway
    {
        public Task<DaemonEngineFacts> GetDaemonEngineFactsAsync(CancellationToken cancellationToken) => Call(async () =>
        {
            var infoTask = _client.System.GetSystemInfoAsync(cancellationToken);
            var versionTask = _client.System.GetVersionAsync(cancellationToken);
            var bridgeTask = DefaultBridgeAsync(cancellationToken);
            var info = await infoTask.ConfigureAwait(false);
            var version = await versionTask.ConfigureAwait(false);
            var bridge = await bridgeTask.ConfigureAwait(false);
            var registry = info.RegistryConfig;
            return new DaemonEngineFacts
            {
                Endpoint = Endpoint,
                EndpointUsesTls = UsesTls,
                ServerVersion = info.ServerVersion ?? version.Version ?? "",
                ApiVersion = version.APIVersion ?? "",
                SecurityOptions = info.SecurityOptions?.ToList() ?? new List<string>(),
                LiveRestoreEnabled = info.LiveRestoreEnabled,
                ExperimentalBuild = info.ExperimentalBuild,
                LoggingDriver = info.LoggingDriver ?? "",
                DockerRootDir = info.DockerRootDir ?? "",
                CgroupDriver = info.CgroupDriver ?? "",
                AuthorizationPlugins = info.Plugins?.Authorization?.ToList() ?? new List<string>(),
                InsecureRegistryCidrs = registry?.InsecureRegistryCIDRs?.ToList() ?? new List<string>(),
                InsecureRegistryNames = registry?.IndexConfigs?.Values.Where(i => !i.Secure).Select(i => i.Name).ToList() ?? new List<string>(),
                DefaultBridge = bridge,
            };
        }, cancellationToken);

        /// <summary>The network named "bridge" with the bridge driver, or null when the daemon runs with bridge none.</summary>
        private async Task<BridgeNetworkFacts?> DefaultBridgeAsync(CancellationToken cancellationToken)
        {
            try
            {
                var network = await _client.Networks.InspectNetworkAsync("bridge", cancellationToken).ConfigureAwait(false);
                if (network.Driver != "bridge" || network.Scope != "local")
                {
                    return null;
                }

                return new BridgeNetworkFacts
                {
                    Name = network.Name,
                    Options = network.Options is null ? new Dictionary<string, string>() : new Dictionary<string, string>(network.Options),
                };
            }
            catch (DockerNetworkNotFoundException)
            {
                return null;
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return null;
            }
        }
    }
}
