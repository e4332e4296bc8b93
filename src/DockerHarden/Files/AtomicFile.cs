using System;
using System.Globalization;
using System.IO;

namespace DockerHarden.Files
{
    /// <summary>Writes a file so that readers see the old bytes or the new bytes, never a half-written file.</summary>
    internal static class AtomicFile
    {
        /// <summary>
        /// Writes to a temporary file beside the target, gives it the target's mode, and renames it over the target
        /// (rename is atomic on one file system). The temporary file is removed if anything fails.
        /// </summary>
        public static void Replace(string path, byte[] bytes)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            var temp = Path.Combine(dir, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N").Substring(0, 8) + ".tmp");
            try
            {
                File.WriteAllBytes(temp, bytes);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
                }

                File.Move(temp, path, overwrite: true);
            }
            catch
            {
                try
                {
                    File.Delete(temp);
                }
                catch (IOException)
                {
                    // Best effort: the original error matters more.
                }

                throw;
            }
        }

        /// <summary>
        /// Copies the file beside itself as FILE.yyyyMMdd-HHmmss.bak (UTC; a counter is added when that name is taken)
        /// and returns the copy's path. The one backup format of every repair cmdlet.
        /// </summary>
        public static string Backup(string path, DateTime now)
        {
            var stamp = now.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var backup = $"{path}.{stamp}.bak";
            for (int n = 2; File.Exists(backup); n++)
            {
                backup = $"{path}.{stamp}-{n}.bak";
            }

            File.Copy(path, backup);
            return backup;
        }
    }
}
