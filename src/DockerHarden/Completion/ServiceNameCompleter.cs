using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace DockerHarden.Completion
{
    /// <summary>Completes Swarm service names by asking the manager (the first -DockerHost when given).</summary>
    public sealed class ServiceNameCompleter : IArgumentCompleter
    {
        /// <summary>Returns service names that start with what was typed; nothing when the engine does not answer or is no manager.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return EngineCompletion.Ask(fakeBoundParameters, (gateway, token) => gateway.ListServicesAsync(token), services =>
                EngineCompletion.Matching(services, wordToComplete, s => s.Name, s => $"{s.Name} ({s.Mode}, {s.Image})"));
        }
    }
}
