using System;
using System.Management.Automation;
using System.Threading;
using System.Collections.Generic;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Loading;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Base of every cmdlet that talks to one engine: the -DockerHost parameter on top of <see cref="EngineCmdlet"/>.
    /// </summary>
    public abstract class DockerCmdlet : EngineCmdlet
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

    /// <summary>
    /// Base of every cmdlet that talks to engines: cancellation on Ctrl+C, and the one place where engine failures
    /// become PowerShell errors. The -DockerHost parameter comes from the subclass (one endpoint or several).
    /// </summary>
    public abstract class EngineCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _cancellation = new();

        /// <summary>Cancelled when the user presses Ctrl+C.</summary>
        internal CancellationToken Cancellation => _cancellation.Token;

        /// <summary>Opens the engine gateway, or stops the cmdlet with an error naming the endpoint.</summary>
        internal IDockerGateway OpenGateway(string? dockerHost)
        {
            try
            {
                return AdapterLoader.Factory.OpenDocker(dockerHost);
            }
            catch (EngineException e)
            {
                ThrowTerminatingError(EngineError(e));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        /// <summary>Waits for an engine call; an engine failure stops the cmdlet with one clear error.</summary>
        internal T Await<T>(System.Threading.Tasks.Task<T> task) => Guarded(() => task.GetAwaiter().GetResult());

        /// <summary>Enumerates engine results lazily, with the same error handling as <see cref="Await{T}"/>.</summary>
        internal IEnumerable<T> Guarded<T>(IEnumerable<T> source)
        {
            using var enumerator = source.GetEnumerator();
            while (Guarded(enumerator.MoveNext))
            {
                yield return enumerator.Current;
            }
        }

        private T Guarded<T>(Func<T> call)
        {
            try
            {
                return call();
            }
            catch (EngineException e)
            {
                ThrowTerminatingError(EngineError(e));
                throw; // not reached: ThrowTerminatingError always throws
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>
        /// Waits for background work on the pipeline thread (the only thread that may write), showing progress
        /// from <paramref name="describe"/> (null: nothing to show yet), and turns Ctrl+C into a prompt stop.
        /// </summary>
        internal T[] WaitWithProgress<T>(Task<T>[] work, string activity, Func<(string Status, int Percent)?> describe)
        {
            var all = Task.WhenAll(work);
            var record = new ProgressRecord(1, activity, "Starting");
            try
            {
                while (!all.Wait(100))
                {
                    if (describe() is { } now)
                    {
                        record.StatusDescription = now.Status;
                        record.PercentComplete = Math.Clamp(now.Percent, 0, 100);
                        WriteProgress(record);
                    }
                }

                return all.Result;
            }
            catch (AggregateException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            finally
            {
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
            }
        }

        /// <summary>The error record for an engine failure: a PascalCase id, a fitting category, the endpoint as target.</summary>
        internal static ErrorRecord EngineError(EngineException e)
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

        /// <summary>Ctrl+C: cancel every engine call in flight.</summary>
        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose()
        {
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
