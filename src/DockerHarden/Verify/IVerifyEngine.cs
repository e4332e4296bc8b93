using System;
using System.Collections.Generic;
using System.Threading;

namespace DockerHarden.Verify
{
    /// <summary>
    /// What -Verify asks of the engine and of docker-compose: resolve a file, check and pull images, bring a throwaway
    /// project up, watch its containers and take it down. Implemented over the docker and docker-compose clients
    /// (<see cref="CliVerifyEngine"/>), so the throwaway project is started exactly as the user's file would be.
    /// </summary>
    internal interface IVerifyEngine
    {
        /// <summary>`docker-compose config` of a file, relative paths and .env taken from <paramref name="projectDirectory"/>.</summary>
        string Config(string file, string projectDirectory, CancellationToken cancel);

        /// <summary>True when the engine has the image locally.</summary>
        bool ImageExists(string image, CancellationToken cancel);

        /// <summary>Pulls an image; null when it worked, else the client's message.</summary>
        string? Pull(string image, CancellationToken cancel);

        /// <summary>`docker-compose up -d --no-build`; returns the client's error output (empty when every container started).</summary>
        string Up(string project, string file, string projectDirectory, CancellationToken cancel);

        /// <summary>The project's containers by compose service name.</summary>
        IReadOnlyDictionary<string, string> Containers(string project, CancellationToken cancel);

        /// <summary>The state of some containers, by id.</summary>
        IReadOnlyDictionary<string, ContainerVerdictState> Inspect(IReadOnlyCollection<string> ids, CancellationToken cancel);

        /// <summary>The last log lines of a container (stdout and stderr, in time order).</summary>
        IReadOnlyList<string> Logs(string id, int lines, CancellationToken cancel);

        /// <summary>Removes the project's containers, network and volumes whatever happened before; not cancellable.</summary>
        void Down(string project, string file, string projectDirectory);
    }

    /// <summary>The facts of a container that decide whether a verification run passed.</summary>
    internal sealed record ContainerVerdictState(string Status, int ExitCode, bool OomKilled, string Health, string Error);

    /// <summary>Verification could not run at all (no docker-compose, no engine, a file compose rejects): nothing is written.</summary>
    internal sealed class ComposeVerifyException : Exception
    {
        public ComposeVerifyException(string errorId, string message, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
        }

        /// <summary>ComposeVerifyUnavailable (the tools or engine are missing) or ComposeVerifyFailed.</summary>
        public string ErrorId { get; }
    }
}
