using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;
using System.Threading;

namespace DockerHarden.Views.Daemon
{
    /// <summary>Runs a small host tool (stat, getent, systemctl, docker, docker-compose) and captures its output; null when the tool is missing.</summary>
    internal static class HostCommand
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public static (int ExitCode, string Output, string Error)? Run(string file, params string[] arguments) =>
            Run(file, arguments, Timeout, CancellationToken.None);

        /// <summary>
        /// Runs a tool with a time limit and a cancellation (Ctrl+C): either kills the whole process tree. A timeout
        /// returns null like a missing tool; a cancellation throws <see cref="OperationCanceledException"/>.
        /// </summary>
        public static (int ExitCode, string Output, string Error)? Run(string file, IEnumerable<string> arguments, TimeSpan timeout,
            CancellationToken cancel, string? workingDirectory = null)
        {
            var start = new ProcessStartInfo(file)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            if (workingDirectory is not null)
            {
                start.WorkingDirectory = workingDirectory;
            }

            // Untranslated output: we parse it.
            start.Environment["LC_ALL"] = "C";
            try
            {
                using var process = Process.Start(start);
                if (process is null)
                {
                    return null;
                }

                var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                limit.CancelAfter(timeout);
                try
                {
                    process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    cancel.ThrowIfCancellationRequested();
                    return null;
                }

                return (process.ExitCode, output.GetAwaiter().GetResult(), error.GetAwaiter().GetResult());
            }
            catch (Win32Exception)
            {
                return null; // the tool is not installed
            }
        }
    }
}
