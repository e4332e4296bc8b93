using System;
using System.Management.Automation;
using DockerHarden.Facts;

namespace DockerHarden.Commands
{
    /// <summary>The one mapping of engine failures to error records: a PascalCase id, a fitting category, the endpoint as target.</summary>
    internal static class EngineErrors
    {
        public static ErrorRecord Record(EngineException e)
        {
            var (id, category, message) = e.Kind switch
            {
                EngineErrorKind.PermissionDenied => ("DockerDaemonPermissionDenied", ErrorCategory.PermissionDenied,
                    $"Access to the Docker engine at {e.Endpoint} was denied: {e.Message}. Run as root, join the docker group, or use -DockerHost."),
                EngineErrorKind.InvalidConfiguration => ("DockerEndpointInvalid", ErrorCategory.InvalidArgument, e.Message),
                EngineErrorKind.RequestFailed => ("DockerRequestFailed", ErrorCategory.InvalidResult, e.Message),
                _ => ("DockerDaemonUnreachable", ErrorCategory.ConnectionError,
                    $"Cannot reach the Docker engine at {e.Endpoint}: {e.Message}. Check that dockerd is running and listening there " +
                    "and that you may open it (root or the docker group for a unix socket), or choose another engine with " +
                    "-DockerHost, DOCKER_HOST or 'docker context use'."),
            };
            return new ErrorRecord(new InvalidOperationException(message, e), id, category, e.Endpoint);
        }
    }
}
