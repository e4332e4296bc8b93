using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace DockerHarden.Daemon
{
    /// <summary>Writes daemon.json safely: a timestamped backup beside it, then temp file + rename with the same owner and mode.</summary>
    internal static class DaemonConfigWriter
    {
        private const UnixFileMode NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

        /// <summary>Copies the file to FILE.yyyyMMdd-HHmmss.bak (see <see cref="Files.AtomicFile.Backup"/>); null when there is no file.</summary>
        public static string? Backup(string path, DateTime now) => File.Exists(path) ? Files.AtomicFile.Backup(path, now) : null;

        private static void KeepOwnerAndMode(string path, string temp)
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            if (!File.Exists(path))
            {
                File.SetUnixFileMode(temp, NewFileMode);
                return;
            }

            File.SetUnixFileMode(temp, File.GetUnixFileMode(path));
            // Owner and group without native interop: chown copies them from the original.
            var chown = HostCommand.Run("chown", "--reference=" + path, temp);
            if (chown is null || chown.Value.ExitCode != 0)
            {
                throw new IOException($"could not give {temp} the owner of {path}: {chown?.Error.Trim() ?? "chown is not available"}");
            }
        }

        /// <summary>Replaces the file in one rename, so that dockerd never reads a half-written file.</summary>
        public static void WriteAtomic(string path, string text)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/";
            Directory.CreateDirectory(directory);
            var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                File.WriteAllText(temp, text, new UTF8Encoding(false));
                if (!OperatingSystem.IsWindows())
                {
                    KeepOwnerAndMode(path, temp);
                }

                File.Move(temp, path, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}
