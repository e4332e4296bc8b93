using System.Management.Automation;
using DockerHarden.Facts;

namespace DockerHarden.Commands
{
    /// <summary>Base of the cmdlets that work on one engine: -DockerHost, declared once.</summary>
    public abstract class DockerCmdlet : HardeningCmdlet
    {
        /// <summary>
        /// The engine endpoint, for example unix:///var/run/docker.sock or tcp://host:2376. Without it: DOCKER_HOST,
        /// then the current docker context, then the platform default.
        /// </summary>
        [Parameter]
        [Alias("HostAddress")]
        [ValidateNotNullOrEmpty]
        public string? DockerHost { get; set; }

        /// <summary>Opens the gateway to -DockerHost, or stops the cmdlet with an error naming the endpoint.</summary>
        internal IDockerGateway OpenGateway() => OpenGateway(DockerHost);
    }
}
