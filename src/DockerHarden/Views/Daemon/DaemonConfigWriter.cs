using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DockerHarden.Files;

namespace DockerHarden.Views.Daemon
{
    /// <summary>Writes daemon.json through the one atomic writer (<see cref="AtomicFile.Replace"/>): backup, owner and mode kept, no lost update.</summary>
    internal static class DaemonConfigWriter
    {
        /// <summary>
        /// Replaces (or creates, with its directory) the file the snapshot was read from; returns the backup's path,
        /// null without one. A directory made here is removed again when the write fails.
        /// </summary>
        public static string? Write(FileSnapshot original, string text, bool backup, DateTime now)
        {
            var made = new List<string>();
            for (var dir = Path.GetDirectoryName(original.RealPath); !original.Exists && !string.IsNullOrEmpty(dir) && !Directory.Exists(dir); dir = Path.GetDirectoryName(dir))
            {
                made.Add(dir);
            }

            try
            {
                if (made.Count > 0)
                {
                    Directory.CreateDirectory(made[0]); // the deepest; its missing parents with it
                }

                return AtomicFile.Replace(original, new UTF8Encoding(false).GetBytes(text), backup, now);
            }
            catch
            {
                foreach (var dir in made)
                {
                    try
                    {
                        Directory.Delete(dir);
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        // Not empty or not ours to remove: leave it.
                    }
                }

                throw;
            }
        }
    }
}
