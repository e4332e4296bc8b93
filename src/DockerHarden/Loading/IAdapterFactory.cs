using System.Threading;
using DockerHarden.Facts;
using DockerHarden.Policy;
using DockerHarden.Views.Compose;

namespace DockerHarden.Loading
{
    /// <summary>Creates gateways; the adapter assembly exposes one implementation, found by the loader.</summary>
    internal interface IAdapterFactory
    {
        /// <summary>Opens a gateway to the given endpoint, or (null) DOCKER_HOST, the current context, the default.</summary>
        IDockerGateway OpenDocker(string? dockerHost);

        /// <summary>Parses a compose file's text (BOM removed) into the plain document model; throws ComposeParseException.</summary>
        /// <remarks>Parsing is the longest step on a large file: <paramref name="cancel"/> stops it (Ctrl+C).</remarks>
        ComposeDocument ParseCompose(string text, string path, CancellationToken cancel = default);

        /// <summary>Reads a policy file (YAML); throws <see cref="PolicyException"/> with line and column.</summary>
        HardeningPolicy ReadPolicy(string path);
    }
}
