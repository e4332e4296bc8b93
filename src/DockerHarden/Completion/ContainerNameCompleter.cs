using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace DockerHarden.Completion
{
    /// <summary>Completes container names by asking the engine (the one named by -DockerHost when given).</summary>
    public sealed class ContainerNameCompleter : IArgumentCompleter
    {
        /// <summary>Returns container names that start with what was typed; nothing when the engine does not answer.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return EngineCompletion.Ask(fakeBoundParameters, (gateway, token) => gateway.ListContainersAsync(token), containers =>
                EngineCompletion.Matching(containers.SelectMany(c => c.Names.Select(n => (Name: n, c.State, c.Image))), wordToComplete,
                    c => c.Name, c => $"{c.Name} ({c.State}, {c.Image})"));
        }
    }
}
