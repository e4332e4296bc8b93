using System;
using System.Management.Automation;
using System.Threading;
using DockerHarden.Facts;
using DockerHarden.Loading;
using DockerHarden.Views.Compose;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Get-ComposeHardening -DockerHost: reads the USER of local images through the engine gateway. An engine that
    /// does not answer is a warning, not an error: the file is still audited, and DH101 says why it cannot tell.
    /// </summary>
    internal sealed class ComposeImageLookup : IDisposable
    {
        private readonly IDockerGateway _gateway;

        private ComposeImageLookup(IDockerGateway gateway, CancellationToken cancel)
        {
            _gateway = gateway;
            Users = new ImageUsers(gateway.Endpoint, image => Inspect(image, cancel));
        }

        public ImageUsers Users { get; }

        public static ComposeImageLookup? Open(PSCmdlet cmdlet, string dockerHost, CancellationToken cancel)
        {
            try
            {
                return new ComposeImageLookup(AdapterLoader.Factory.OpenDocker(dockerHost), cancel);
            }
            catch (EngineException e)
            {
                cmdlet.WriteWarning($"Cannot use the Docker engine at {e.Endpoint} to read image users: {e.Message}. The files are judged alone.");
                return null;
            }
        }

        private ImageUser Inspect(string image, CancellationToken cancel)
        {
            try
            {
                var facts = _gateway.InspectImageAsync(image, cancel).GetAwaiter().GetResult();
                return facts is null
                    ? new ImageUser(false, "", $"the image is not on the engine at {_gateway.Endpoint} (nothing is pulled)")
                    : new ImageUser(true, facts.User, "");
            }
            catch (EngineException e)
            {
                return new ImageUser(false, "", $"the engine at {e.Endpoint} did not answer ({e.Message})");
            }
        }

        public void Dispose() => _gateway.Dispose();
    }
}
