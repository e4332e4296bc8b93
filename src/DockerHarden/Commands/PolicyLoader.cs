using System;
using System.IO;
using System.Management.Automation;
using DockerHarden.Files;
using DockerHarden.Loading;
using DockerHarden.Policy;

namespace DockerHarden.Commands
{
    /// <summary>Finds and reads the policy file for any cmdlet: -Policy, else DOCKERHARDEN_POLICY, else none.</summary>
    internal static class PolicyLoader
    {
        /// <summary>The environment variable that names a policy file when -Policy is not given.</summary>
        public const string PolicyVariable = "DOCKERHARDEN_POLICY";

        /// <summary>Reads the policy; a missing or bad file stops the cmdlet with PolicyNotFound / PolicyInvalid.</summary>
        public static HardeningPolicy Load(PSCmdlet cmdlet, string? policyPath)
        {
            var path = policyPath ?? Environment.GetEnvironmentVariable(PolicyVariable);
            if (string.IsNullOrWhiteSpace(path))
            {
                return HardeningPolicy.Empty;
            }

            var resolved = cmdlet.SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
            if (!File.Exists(resolved) && !Directory.Exists(resolved))
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new FileNotFoundException($"The policy file '{resolved}' does not exist.", resolved),
                    "PolicyNotFound", ErrorCategory.ObjectNotFound, resolved));
            }

            try
            {
                return AdapterLoader.Factory.ReadPolicy(resolved);
            }
            catch (Files.FileRefusedException e)
            {
                // A device, FIFO or directory, or a file over the size limit: refused before it is opened or read.
                cmdlet.ThrowTerminatingError(FileErrors.Record(e, resolved));
                throw; // not reached
            }
            catch (PolicyException e)
            {
                cmdlet.ThrowTerminatingError(new ErrorRecord(new InvalidDataException($"The policy file is not valid: {e.Message}", e),
                    "PolicyInvalid", ErrorCategory.InvalidData, resolved));
                throw; // not reached
            }
        }
    }
}
