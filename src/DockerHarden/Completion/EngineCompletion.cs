using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
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
                using var gateway = Engines.Open(fakeBoundParameters["DockerHost"] switch
                {
                    string one => one,
                    // The audits take several engines: completion asks the first.
                    IEnumerable many => many.Cast<object?>().Select(h => h?.ToString()).FirstOrDefault(h => !string.IsNullOrEmpty(h)),
                    _ => null,
                });
                return new List<CompletionResult>(complete(query(gateway, timeout.Token).GetAwaiter().GetResult()));
            }
            catch (Exception e) when (e is EngineException or OperationCanceledException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>The items whose name starts with what was typed (quotes ignored), by name, each as it must be typed.</summary>
        public static IEnumerable<CompletionResult> Matching<T>(IEnumerable<T> items, string wordToComplete, Func<T, string> name, Func<T, string> tooltip)
        {
            var typed = wordToComplete.Trim('\'', '"');
            return items
                .Where(i => name(i).StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .OrderBy(name, StringComparer.OrdinalIgnoreCase)
                .Select(i => new CompletionResult(Quote(name(i)), name(i), CompletionResultType.ParameterValue, tooltip(i)));
        }

        /// <summary>A name as it must be typed: quoted when it holds a space, a quote, $ or a backtick.</summary>
        public static string Quote(string name) => name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`' }) >= 0 ? $"'{name.Replace("'", "''")}'" : name;
    }
}
