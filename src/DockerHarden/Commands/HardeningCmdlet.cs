using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Loading;
using DockerHarden.Services;

namespace DockerHarden.Commands
{
    /// <summary>
    /// Base of every DockerHarden cmdlet that does work: cancellation on Ctrl+C, the one place where engine failures
    /// become PowerShell errors, and the <see cref="IOperationHost"/> its service writes through.
    /// </summary>
    public abstract class HardeningCmdlet : PSCmdlet, IDisposable, IOperationHost
    {
        private readonly CancellationTokenSource _cancellation = new();

        /// <summary>Cancelled when the user presses Ctrl+C.</summary>
        internal CancellationToken Cancellation => _cancellation.Token;

        /// <summary>Opens the engine gateway, or stops the cmdlet with an error naming the endpoint.</summary>
        internal IDockerGateway OpenGateway(string? dockerHost) => Guarded(() => Engines.Open(dockerHost));

        /// <summary>Waits for an engine call; an engine failure stops the cmdlet with one clear error.</summary>
        internal T Await<T>(Task<T> task) => Guarded(() => task.GetAwaiter().GetResult());

        /// <summary>Enumerates engine results lazily, with the same error handling as <see cref="Await{T}"/>.</summary>
        internal IEnumerable<T> Guarded<T>(IEnumerable<T> source)
        {
            using var enumerator = source.GetEnumerator();
            while (Guarded(enumerator.MoveNext))
            {
                yield return enumerator.Current;
            }
        }

        /// <summary>Runs work that talks to an engine: an engine failure stops the cmdlet, Ctrl+C stops the pipeline.</summary>
        internal T Guarded<T>(Func<T> call)
        {
            try
            {
                return call();
            }
            catch (EngineException e)
            {
                ThrowTerminatingError(EngineErrors.Record(e));
                throw; // not reached: ThrowTerminatingError always throws
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Runs pure work (compose, plans), turning a cancellation by Ctrl+C into a prompt pipeline stop.</summary>
        internal T Cancellable<T>(Func<CancellationToken, T> work)
        {
            try
            {
                return work(Cancellation);
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

        /// <summary>Ctrl+C: cancel every engine call and loop in flight.</summary>
        protected override void StopProcessing() => _cancellation.Cancel();

        /// <summary>Releases the cancellation source.</summary>
        public void Dispose()
        {
            _cancellation.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
