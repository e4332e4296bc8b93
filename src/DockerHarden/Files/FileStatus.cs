using System;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace DockerHarden.Files
{
    /// <summary>What a path names after symlinks are followed: a regular file, or something a repair must never read or replace.</summary>
    internal enum FileKind
    {
        Regular,
        Directory,
        CharacterDevice,
        BlockDevice,
        Fifo,
        Socket,
        Other,
    }

    /// <summary>
    /// The stat of a file: its kind, size, modification time, identity (device and inode), owner and mode. On Linux it
    /// comes from statx(2), whose structure has one layout on every architecture (stat(2)'s differs between x64 and
    /// arm64, which is why the module had avoided native calls); elsewhere from .NET, which knows less.
    /// </summary>
    internal sealed record FileStatus(FileKind Kind, long Size, long ModifiedNanoseconds, ulong Device, ulong Inode, uint Uid, uint Gid, UnixFileMode Mode)
    {
        /// <summary>True when uid, gid, inode and the file kind are real (Linux); elsewhere only kind, size and time are known.</summary>
        public bool Full { get; init; }

        /// <summary>Words for a message: "a character device", "a FIFO (named pipe)".</summary>
        public static string Describe(FileKind kind) => kind switch
        {
            FileKind.Regular => "a regular file",
            FileKind.Directory => "a directory",
            FileKind.CharacterDevice => "a character device",
            FileKind.BlockDevice => "a block device",
            FileKind.Fifo => "a FIFO (named pipe)",
            FileKind.Socket => "a socket",
            _ => "not a regular file",
        };

        /// <summary>The status of the file a path names, symlinks followed; null when nothing is there (or a symlink dangles).</summary>
        public static FileStatus? OfPath(string path)
        {
            if (LinuxFile.Available)
            {
                return LinuxFile.Stat(path);
            }

            var info = new FileInfo(path);
            if (info.LinkTarget is not null)
            {
                var final = info.ResolveLinkTarget(returnFinalTarget: true);
                if (final is null || !final.Exists)
                {
                    return null;
                }

                info = new FileInfo(final.FullName);
            }

            if (Directory.Exists(path))
            {
                return new FileStatus(FileKind.Directory, 0, 0, 0, 0, 0, 0, 0);
            }

            if (!info.Exists)
            {
                return null;
            }

            var mode = OperatingSystem.IsWindows() ? (UnixFileMode)0 : info.UnixFileMode;
            return new FileStatus(FileKind.Regular, info.Length, info.LastWriteTimeUtc.Ticks * 100, 0, 0, 0, 0, mode);
        }

        /// <summary>The status of an open file, the one the handle reads, whatever the path names now.</summary>
        public static FileStatus OfHandle(SafeFileHandle handle, string path)
        {
            if (LinuxFile.Available)
            {
                return LinuxFile.Stat(handle, path);
            }

            var mode = OperatingSystem.IsWindows() ? (UnixFileMode)0 : File.GetUnixFileMode(handle);
            return new FileStatus(FileKind.Regular, RandomAccess.GetLength(handle), File.GetLastWriteTimeUtc(handle).Ticks * 100, 0, 0, 0, 0, mode);
        }
    }

    /// <summary>The few Linux calls .NET does not offer: statx, flock, fchown, fsync of a directory.</summary>
    internal static class LinuxFile
    {
        private const int AtFdCwd = -100;
        private const int AtEmptyPath = 0x1000;
        private const uint StatxBasicStats = 0x7ff;
        private const int ENOENT = 2;
        private const int ENOTDIR = 20;
        private const int EWOULDBLOCK = 11;
        private const int LockExclusive = 2;
        private const int LockNonBlocking = 4;

        private static readonly Lazy<bool> HasStatx = new(() =>
        {
            if (!OperatingSystem.IsLinux())
            {
                return false;
            }

            try
            {
                var buffer = new byte[256];
                return statx(AtFdCwd, "/", 0, StatxBasicStats, buffer) == 0;
            }
            catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
            {
                return false; // a C library without statx (older musl): .NET's view is used instead
            }
        });

        /// <summary>True on Linux with a C library that has statx.</summary>
        public static bool Available => HasStatx.Value;

        [DllImport("libc", SetLastError = true)]
        private static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags, uint mask, [Out] byte[] buffer);

        [DllImport("libc", SetLastError = true)]
        private static extern int flock(SafeFileHandle fd, int operation);

        [DllImport("libc", SetLastError = true)]
        private static extern int fchown(SafeFileHandle fd, uint owner, uint group);

        [DllImport("libc", SetLastError = true)]
        private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string pathname, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);

        /// <summary>statx of a path, following symlinks; null when it does not exist.</summary>
        public static FileStatus? Stat(string path)
        {
            var buffer = new byte[256];
            if (statx(AtFdCwd, path, 0, StatxBasicStats, buffer) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is ENOENT or ENOTDIR)
                {
                    return null;
                }

                throw Error(errno, path, "stat");
            }

            return Parse(buffer);
        }

        /// <summary>statx of an open descriptor (AT_EMPTY_PATH): the file it reads, not what the path names now.</summary>
        public static FileStatus Stat(SafeFileHandle handle, string path)
        {
            var buffer = new byte[256];
            bool added = false;
            try
            {
                handle.DangerousAddRef(ref added);
                if (statx((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, buffer) != 0)
                {
                    throw Error(Marshal.GetLastPInvokeError(), path, "stat");
                }
            }
            finally
            {
                if (added)
                {
                    handle.DangerousRelease();
                }
            }

            return Parse(buffer);
        }

        /// <summary>Takes flock(LOCK_EX) without waiting; false when another process holds a lock on the file.</summary>
        public static bool TryLockExclusive(SafeFileHandle handle, string path)
        {
            if (flock(handle, LockExclusive | LockNonBlocking) == 0)
            {
                return true;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno == EWOULDBLOCK ? false : throw Error(errno, path, "lock");
        }

        /// <summary>Gives an open file an owner and group (fchown).</summary>
        public static void Chown(SafeFileHandle handle, uint uid, uint gid, string path)
        {
            if (fchown(handle, uid, gid) != 0)
            {
                throw Error(Marshal.GetLastPInvokeError(), path, $"give owner {uid}:{gid} to");
            }
        }

        /// <summary>Flushes a directory's entries (a rename in it) to disk; best effort, the rename is already done.</summary>
        public static void SyncDirectory(string directory)
        {
            var fd = open(directory, 0);
            if (fd >= 0)
            {
                fsync(fd);
                close(fd);
            }
        }

        private static FileStatus Parse(byte[] b)
        {
            uint uid = Read<uint>(b, 20);
            uint gid = Read<uint>(b, 24);
            ushort mode = Read<ushort>(b, 28);
            ulong inode = Read<ulong>(b, 32);
            long size = (long)Read<ulong>(b, 40);
            long mtimeSeconds = Read<long>(b, 112);
            uint mtimeNanoseconds = Read<uint>(b, 120);
            ulong device = ((ulong)Read<uint>(b, 136) << 32) | Read<uint>(b, 140);
            var kind = (mode & 0xF000) switch
            {
                0x8000 => FileKind.Regular,
                0x4000 => FileKind.Directory,
                0x2000 => FileKind.CharacterDevice,
                0x6000 => FileKind.BlockDevice,
                0x1000 => FileKind.Fifo,
                0xC000 => FileKind.Socket,
                _ => FileKind.Other,
            };
            return new FileStatus(kind, size, mtimeSeconds * 1_000_000_000 + mtimeNanoseconds, device, inode, uid, gid, (UnixFileMode)(mode & 0xFFF)) { Full = true };
        }

        // The kernel fills statx in the machine's byte order.
        private static T Read<T>(byte[] buffer, int offset) where T : struct => MemoryMarshal.Read<T>(buffer.AsSpan(offset));

        private static IOException Error(int errno, string path, string what) =>
            new($"Cannot {what} '{path}': {Marshal.GetPInvokeErrorMessage(errno)}.", errno);
    }
}
