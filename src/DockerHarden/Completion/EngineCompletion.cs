using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Loading;

namespace DockerHarden.Completion
{
    /// <summary>Asks the engine (the one named by -DockerHost when given) for completions, within two seconds.</summary>
    internal static class EngineCompletion
    {
        /// <summary>Runs the query; no completions when the engine is slow or does not answer, never an error.</summary>
        public static IEnumerable<CompletionResult> Ask<T>(IDictionary fakeBoundParameters,
            Func<IDockerGateway, CancellationToken, Task<T>> query, Func<T, IEnumerable<CompletionResult>> complete)
        {
            try
            {
                // Completion must never hang the prompt.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var gateway = Engines.Open(fakeBoundParameters["DockerHost"] as string);
                return new List<CompletionResult>(complete(query(gateway, timeout.Token).GetAwaiter().GetResult()));
            }
            catch (Exception e) when (e is EngineException or OperationCanceledException)
            {
                return Array.Empty<CompletionResult>();
            }
        }
    }
}
