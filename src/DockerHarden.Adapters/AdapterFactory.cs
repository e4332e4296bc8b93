using DockerHarden.Adapters.Compose;
using DockerHarden.Adapters.Docker;
using DockerHarden.Adapters.Policy;
using DockerHarden.Compose;
using DockerHarden.Facts;

namespace DockerHarden.Adapters
{
    /// <summary>The adapter assembly's entry point; the module's loader creates it by name in the private load context.</summary>
    internal sealed class AdapterFactory : IAdapterFactory
    {
        public IDockerGateway OpenDocker(string? dockerHost) => new DockerGateway(dockerHost);

        public ComposeDocument ParseCompose(string text, string path) => ComposeReader.Parse(text, path);

        public DockerHarden.Policy.HardeningPolicy ReadPolicy(string path) => PolicyReader.Read(path);
    }
}
