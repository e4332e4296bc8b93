using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.Win32.SafeHandles;

namespace DockerHarden.Files
{
    /// <summary>
    /// The one writer of every file the module writes (both repair cmdlets, Export-HardeningReport). Readers see the old bytes or the new bytes, never half a file; the file
    /// keeps its owner, group and mode; a symlink is written through (the link stays, its target is repaired); a file
    /// another process changed since it was read is refused (FileChangedDuringRepair); and whatever fails, everything
    /// this call created (temporary file, backup) is removed and the original is as it was.
    /// </summary>
    internal static class AtomicFile
    {
        /// <summary>rw-r--r--: a new daemon.json as dockerd's packages install it.</summary>
        public const UnixFileMode NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

        private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(1);

        /// <summary>
        /// Replaces the file <paramref name="original"/> was read from with <paramref name="bytes"/>, or creates it when
        /// it did not exist. With <paramref name="backup"/>, first keeps its content as FILE.yyyyMMdd-HHmmss.bak (UTC)
        /// beside the real file, and returns that path.
        /// </summary>
        /// <remarks>
        /// Order: lock (flock on Linux) and check, backup, temporary file beside the target written, given owner, group
        /// and mode, and flushed to disk, check again, rename, flush the directory. The checks compare size,
        /// modification time, inode and a SHA-256 of the content with the snapshot: an appender or a rewriter that does
        /// not take the lock is still caught, unless it writes between the last check and the rename.
        /// </remarks>
        public static string? Replace(FileSnapshot original, byte[] bytes, bool backup, DateTime now)
        {
            var target = original.RealPath;
            var directory = Path.GetDirectoryName(target) ?? ".";
            var created = new List<string>();
            bool renamed = false;
            using var lease = original.Exists ? Lock(original) : null;
            try
            {
                EnsureUnchanged(original, lease);
                string? backupPath = null;
                if (backup && original.Exists)
                {
                    backupPath = BackupName(target, now);
                    created.Add(backupPath);
                    WriteNew(backupPath, original.Bytes, original.Status, target);
                }

                var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
                created.Add(temp);
                WriteNew(temp, bytes, original.Status, target);
                EnsureUnchanged(original, lease);
                // Without overwrite the rename fails when a file appeared where there was none.
                File.Move(temp, target, overwrite: original.Exists);
                renamed = true;
                created.Remove(temp);
                if (LinuxFile.Available)
                {
                    LinuxFile.SyncDirectory(directory);
                }

                return backupPath;
            }
            finally
            {
                if (!renamed)
                {
                    foreach (var path in created)
                    {
                        TryDelete(path);
                    }
                }
            }
        }

        /// <summary>
        /// Writes a whole output file (a report) that the module did not read first: the text goes to a temporary
        /// file beside the target, flushed to disk, given the replaced file's owner and mode, then renamed over it, so
        /// a reader (a CI upload step, a browser) never sees half a file. A symlink is written through, the link kept.
        /// With <paramref name="overwrite"/> false an existing file is an IOException and stays untouched; whatever
        /// fails, the temporary file is removed. <paramref name="like"/>, when given, is the file whose owner, group and
        /// mode the new file takes instead (a patch holding a compose file's secrets is as private as that file).
        /// </summary>
        public static void Write(string path, bool overwrite, Action<TextWriter> write, FileStatus? like = null)
        {
            var target = SafeFile.RealPath(Path.GetFullPath(path));
            var directory = Path.GetDirectoryName(target) ?? ".";
            byte[] bytes;
            using (var buffer = new MemoryStream())
            {
                using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true))
                {
                    writer.NewLine = "\n";
                    write(writer);
                }

                bytes = buffer.ToArray();
            }

            var temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
            try
            {
                WriteNew(temp, bytes, like ?? FileStatus.OfPath(target), target);
                // Rename within one directory is atomic; without overwrite it fails when the file appeared meanwhile.
                File.Move(temp, target, overwrite);
                if (LinuxFile.Available)
                {
                    LinuxFile.SyncDirectory(directory);
                }
            }
            finally
            {
                if (File.Exists(temp))
                {
                    TryDelete(temp);
                }
            }
        }

        /// <summary>FILE.yyyyMMdd-HHmmss.bak (UTC), with -2, -3... when that name is taken: the one backup name of every repair cmdlet.</summary>
        public static string BackupName(string path, DateTime now)
        {
            var stamp = now.ToUniversalTime().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
            var backup = $"{path}.{stamp}.bak";
            for (int n = 2; File.Exists(backup) || Directory.Exists(backup); n++)
            {
                backup = $"{path}.{stamp}-{n}.bak";
            }

            return backup;
        }

        /// <summary>
        /// Creates a new file (never an existing one) with the bytes, flushed to disk, owned and moded like
        /// <paramref name="like"/> (a new file: rw-r--r--). It is rw------- until then, so no one reads it early.
        /// </summary>
        private static void WriteNew(string path, byte[] bytes, FileStatus? like, string target)
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: true);
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            if (like is { Full: true })
            {
                var mine = FileStatus.OfHandle(stream.SafeFileHandle, path);
                if (mine.Uid != like.Uid || mine.Gid != like.Gid)
                {
                    try
                    {
                        LinuxFile.Chown(stream.SafeFileHandle, like.Uid, like.Gid, path);
                    }
                    catch (IOException e)
                    {
                        throw new IOException($"'{target}' belongs to {like.Uid}:{like.Gid}, and this user cannot give the new file that owner " +
                            $"({e.Message.TrimEnd('.')}); run as root or as its owner", e);
                    }
                }
            }

            // After chown, which clears set-user-id and set-group-id bits.
            File.SetUnixFileMode(stream.SafeFileHandle, like?.Mode ?? NewFileMode);
        }

        /// <summary>Holds flock(LOCK_EX) on the file (Linux); waits up to a second, then refuses.</summary>
        private static FileStream? Lock(FileSnapshot original)
        {
            if (!LinuxFile.Available)
            {
                return null;
            }

            var deadline = DateTime.UtcNow + LockWait;
            while (true)
            {
                FileStream? stream = null;
                try
                {
                    stream = new FileStream(original.RealPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                    if (LinuxFile.TryLockExclusive(stream.SafeFileHandle, original.Path))
                    {
                        return stream;
                    }
                }
                catch (FileNotFoundException)
                {
                    throw Changed(original, "it was removed");
                }
                catch (IOException e) when (SafeFile.IsLocked(e))
                {
                    // .NET's own shared lock on open met another process's exclusive one.
                }

                stream?.Dispose();
                if (DateTime.UtcNow > deadline)
                {
                    throw Changed(original, "another process holds a lock on it (flock) and may be writing it");
                }

                Thread.Sleep(50);
            }
        }

        /// <summary>Refuses (FileChangedDuringRepair) when the file is no longer what was read: size, time, inode, content.</summary>
        private static void EnsureUnchanged(FileSnapshot original, FileStream? lease)
        {
            var now = FileStatus.OfPath(original.RealPath);
            if (original.Status is not { } was)
            {
                if (now is not null)
                {
                    throw Changed(original, "it did not exist when it was read and another process created it since");
                }

                return;
            }

            if (now is null)
            {
                throw Changed(original, "it was removed");
            }

            if (was.Full && (now.Device != was.Device || now.Inode != was.Inode ||
                lease is not null && FileStatus.OfHandle(lease.SafeFileHandle, original.Path) is var held && (held.Device != was.Device || held.Inode != was.Inode)))
            {
                throw Changed(original, "it was replaced by another file");
            }

            if (now.Size != was.Size)
            {
                throw Changed(original, $"its size went from {was.Size.ToString(CultureInfo.InvariantCulture)} to {now.Size.ToString(CultureInfo.InvariantCulture)} bytes");
            }

            if (now.ModifiedNanoseconds != was.ModifiedNanoseconds)
            {
                throw Changed(original, "it was modified after it was read");
            }

            byte[] content;
            if (lease is not null)
            {
                lease.Position = 0;
                content = SafeFile.ReadBounded(lease, was.Size, Math.Max(was.Size, SafeFile.SizeLimit()), original.Path);
            }
            else
            {
                content = File.ReadAllBytes(original.RealPath);
            }

            if (!SHA256.HashData(content).SequenceEqual(original.Hash))
            {
                throw Changed(original, "its content differs from what was read");
            }
        }

        private static FileRefusedException Changed(FileSnapshot original, string what) =>
            new("FileChangedDuringRepair", original.Path,
                $"'{original.Path}'{(original.IsSymlink ? $" (a symlink to '{original.RealPath}')" : "")} changed while it was being repaired: {what}. " +
                "Nothing was written and no backup is left; the file is as the other writer left it. Repair it again when it is done.");

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort: the original error matters more.
            }
        }
    }
}
