using DockerHarden.Facts;

namespace DockerHarden.Loading
{
    /// <summary>
    /// The one way to open an engine: -DockerHost, else DOCKER_HOST, the current docker context, the platform
    /// default. A failure is an <see cref="EngineException"/>; cmdlets turn it into an error record in one place
    /// (Commands/EngineErrors.cs).
    /// </summary>
    internal static class Engines
    {
        /// <summary>Opens a gateway; creating it resolves the endpoint and does not connect yet.</summary>
        public static IDockerGateway Open(string? dockerHost) => AdapterLoader.Factory.OpenDocker(dockerHost);
    }
}
