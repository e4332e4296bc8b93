using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using DockerHarden.Facts;

namespace DockerHarden.Views.Create
{
    /// <summary>
    /// The marker container that claims the replacement of one container (New-HardenedContainer -Replace). The engine
    /// offers no compare-and-set on labels, but a container name is taken atomically: whoever creates the marker owns
    /// the swap. The marker names the process that holds it (host, pid, process start time), so a marker left by a run
    /// that was killed can be told from one whose run is still going.
    /// </summary>
    internal static class ReplaceClaim
    {
        private const string OfLabel = "dockerharden.replace.of";
        private const string PidLabel = "dockerharden.replace.pid";
        private const string HostLabel = "dockerharden.replace.host";
        private const string StartedLabel = "dockerharden.replace.started";

        /// <summary>The name of the marker container that claims the replacement of the container with this id.</summary>
        public static string Name(string originalId) =>
            $"dockerharden-replace-{(originalId.Length > 12 ? originalId.Substring(0, 12) : originalId)}";

        /// <summary>The marker's spec: created from the original's image (present by definition), never started.</summary>
        public static ContainerSpec Spec(ContainerFacts original) => new()
        {
            Name = Name(original.Id),
            Image = original.Image,
            Entrypoint = new[] { "dockerharden-replace-claim" },
            Cmd = Array.Empty<string>(),
            Labels = new Dictionary<string, string>
            {
                [HardeningLabels.Managed] = HardeningLabels.ReplaceClaim,
                [OfLabel] = original.Id,
                [PidLabel] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                [HostLabel] = Environment.MachineName,
                [StartedLabel] = StartTicks(Process.GetCurrentProcess())?.ToString(CultureInfo.InvariantCulture) ?? "",
            },
        };

        /// <summary>
        /// Why the claim is stale (its run is certainly gone), or null when it may still be held: a marker from this
        /// host whose pid is no longer running, or is now another process (a different start time). A marker from
        /// another host, or one without our labels, is never judged stale: nothing here can tell.
        /// </summary>
        public static string? StaleReason(IReadOnlyDictionary<string, string> labels)
        {
            if (!HardeningLabels.IsReplaceClaim(labels) || !labels.TryGetValue(HostLabel, out var host) || host != Environment.MachineName ||
                !labels.TryGetValue(PidLabel, out var pidText) ||
                !int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return null;
            }

            Process process;
            try
            {
                process = Process.GetProcessById(pid);
            }
            catch (ArgumentException)
            {
                return $"process {pid} on {host}, which held it, is no longer running";
            }

            using (process)
            {
                if (labels.TryGetValue(StartedLabel, out var startedText) &&
                    long.TryParse(startedText, NumberStyles.None, CultureInfo.InvariantCulture, out var started) &&
                    StartTicks(process) is long now && Math.Abs(now - started) > TimeSpan.TicksPerSecond)
                {
                    return $"process {pid} on {host}, which held it, has ended (that pid is now another process)";
                }
            }

            return null;
        }

        private static long? StartTicks(Process process)
        {
            try
            {
                return process.StartTime.ToUniversalTime().Ticks;
            }
            catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
            {
                return null;
            }
        }
    }
}
