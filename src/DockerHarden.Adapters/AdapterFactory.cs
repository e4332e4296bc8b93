using DockerHarden.Adapters.Compose;
using DockerHarden.Adapters.Docker;
using DockerHarden.Adapters.Policy;
using DockerHarden.Views.Compose;
using DockerHarden.Facts;
using DockerHarden.Loading;

namespace DockerHarden.Adapters
{
    /// <summary>The adapter assembly's entry point; the module's loader creates it by name in the private load context.</summary>
    internal sealed class AdapterFactory : IAdapterFactory
    {
        public IDockerGateway OpenDocker(string? dockerHost) => new DockerGateway(dockerHost);

        public ComposeDocument ParseCompose(string text, string path, System.Threading.CancellationToken cancel = default) =>
            ComposeReader.Parse(text, path, cancel);

        public DockerHarden.Policy.HardeningPolicy ReadPolicy(string path) => PolicyReader.Read(path);
    }
}
