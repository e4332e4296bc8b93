using System.Management.Automation;

namespace DockerHarden.Services
{
    /// <summary>
    /// What a service may ask of the cmdlet that runs it: output streams and the ShouldProcess decision, passed in
    /// as PSScriptAnalyzer passes ShouldProcess to its engine, so that no service holds a cmdlet. Every cmdlet
    /// implements it with the methods PowerShell already gives it.
    /// </summary>
    internal interface IOperationHost
    {
        void WriteVerbose(string text);

        void WriteWarning(string text);

        /// <summary>A per-item error; the pipeline goes on.</summary>
        void WriteError(ErrorRecord errorRecord);

        void WriteProgress(ProgressRecord progressRecord);

        /// <summary>-WhatIf / -Confirm: true when the action may go ahead.</summary>
        bool ShouldProcess(string target, string action);
    }
}
