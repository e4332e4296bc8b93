using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using DockerHarden.Facts;
using DockerHarden.Loading;

namespace DockerHarden.Completion
{
    /// <summary>Completes container names by asking the engine (the one named by -DockerHost when given).</summary>
    public sealed class ContainerNameCompleter : IArgumentCompleter
    {
        /// <summary>Returns container names that start with what was typed; nothing when the engine does not answer.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = wordToComplete.Trim('\'', '"');
            var host = fakeBoundParameters["DockerHost"] as string;
            try
            {
                // Completion must never hang the prompt: give the engine two seconds.
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var gateway = AdapterLoader.Factory.OpenDocker(host);
                var containers = gateway.ListContainersAsync(timeout.Token).GetAwaiter().GetResult();
                return containers
                    .SelectMany(c => c.Names.Select(n => (Name: n, c.State, c.Image)))
                    .Where(c => c.Name.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase)
                    .Select(c => new CompletionResult(Quote(c.Name), c.Name, CompletionResultType.ParameterValue, $"{c.Name} ({c.State}, {c.Image})"))
                    .ToList();
            }
            catch (Exception e) when (e is EngineException or OperationCanceledException)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        private static string Quote(string name) => name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`' }) >= 0 ? $"'{name.Replace("'", "''")}'" : name;
    }
}
