using System;
using System.ComponentModel;
using System.Diagnostics;

namespace DockerHarden.Daemon
{
    /// <summary>Runs a small host tool (stat, getent, systemctl) and captures its output; null when the tool is missing.</summary>
    internal static class HostCommand
    {
        private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

        public static (int ExitCode, string Output, string Error)? Run(string file, params string[] arguments)
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

            // Untranslated output: we parse it.
            start.Environment["LC_ALL"] = "C";
            try
            {
                using var process = Process.Start(start);
                if (process is null)
                {
                    return null;
                }

                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit((int)Timeout.TotalMilliseconds))
                {
                    process.Kill();
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
