using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace DockerHarden.Completion
{
    /// <summary>Completes local image references (repo:tag) by asking the engine; nothing can be pulled, so only local ones count.</summary>
    public sealed class ImageCompleter : IArgumentCompleter
    {
        /// <summary>Returns local images that start with what was typed; nothing when the engine does not answer.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            return EngineCompletion.Ask(fakeBoundParameters, (gateway, token) => gateway.ListImageReferencesAsync(token), images =>
                EngineCompletion.Matching(images, wordToComplete, r => r, r => r));
        }
    }
}
