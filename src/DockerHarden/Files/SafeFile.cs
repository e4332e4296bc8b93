using System;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace DockerHarden.Files
{
    /// <summary>A file refused before it was read or replaced; <see cref="ErrorId"/> is the cmdlets' error id.</summary>
    internal sealed class FileRefusedException : IOException
    {
        public FileRefusedException(string errorId, string path, string message) : base(message)
        {
            ErrorId = errorId;
            FilePath = path;
        }

        /// <summary>FileNotRegular, FileTooLarge, FileSizeLimitInvalid or FileChangedDuringRepair.</summary>
        public string ErrorId { get; }
        /// <summary>The path as the user named it.</summary>
        public string FilePath { get; }
    }

    /// <summary>A file as read: its bytes, and what it was (status, hash) when read, so a writer can tell whether it changed since.</summary>
    internal sealed class FileSnapshot
    {
        private FileSnapshot(string path, string realPath, byte[] bytes, FileStatus? status)
        {
            Path = path;
            RealPath = realPath;
            Bytes = bytes;
            Status = status;
            Hash = SHA256.HashData(bytes);
        }

        /// <summary>The full path as named (maybe a symlink).</summary>
        public string Path { get; }
        /// <summary>The file itself, symlinks followed: the one a repair replaces, with its backup beside it.</summary>
        public string RealPath { get; }
        public byte[] Bytes { get; }
        /// <summary>The status of the open file before it was read; null when there was no file.</summary>
        public FileStatus? Status { get; }
        public bool Exists => Status is not null;
        public byte[] Hash { get; }
        public bool IsSymlink => !string.Equals(Path, RealPath, StringComparison.Ordinal);

        internal static FileSnapshot Read(string path, string realPath, byte[] bytes, FileStatus status) => new(path, realPath, bytes, status);

        internal static FileSnapshot Missing(string path, string realPath) => new(path, realPath, Array.Empty<byte>(), null);
    }

    /// <summary>
    /// The one way the module reads a file it judges or repairs (compose files, daemon.json, policies, seccomp
    /// profiles): only regular files (a FIFO would block forever, /dev/zero never ends), at most the size limit, and
    /// never by opening first and looking after.
    /// </summary>
    internal static class SafeFile
    {
        /// <summary>The environment variable that sets the size limit: bytes, or a number with k, m or g (1024-based).</summary>
        public const string SizeLimitVariable = "DOCKERHARDEN_MAX_FILE_SIZE";
        /// <summary>
        /// 4 MiB: far above any real compose file, daemon.json or policy (the largest public compose files are tens of
        /// KiB), and low enough that the parsed model of a file at the limit stays well under a GiB: a compose
        /// service costs about 17 KiB of model and facts, so an audit of 4 MiB of one-line services (27k) peaks near 0.5 GiB.
        /// </summary>
        public const long DefaultSizeLimit = 4L * 1024 * 1024;

        private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(1);

        /// <summary>The size limit in bytes: DOCKERHARDEN_MAX_FILE_SIZE, else 4 MiB.</summary>
        public static long SizeLimit()
        {
            var text = Environment.GetEnvironmentVariable(SizeLimitVariable);
            if (string.IsNullOrWhiteSpace(text))
            {
                return DefaultSizeLimit;
            }

            // An array holds at most Array.MaxLength bytes: a larger limit is that.
            return ParseSize(text) is { } limit and > 0 ? Math.Min(limit, Array.MaxLength - 1)
                : throw new FileRefusedException("FileSizeLimitInvalid", SizeLimitVariable,
                    $"The environment variable {SizeLimitVariable} is '{text}', not a size such as 67108864, 64m or 1g.");
        }

        /// <summary>Bytes, or a number with k, m or g (kb, mb, gb too), 1024-based; null when it is none of these.</summary>
        public static long? ParseSize(string text)
        {
            var t = text.Trim().ToLowerInvariant();
            if (t.EndsWith('b') && t.Length > 1 && char.IsLetter(t[^2]))
            {
                t = t[..^1];
            }

            long unit = t.Length == 0 ? 1 : t[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1 };
            if (unit > 1)
            {
                t = t[..^1];
            }

            return long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= long.MaxValue / unit ? n * unit : null;
        }

        /// <summary>"64 MiB (67108864 bytes)".</summary>
        public static string FormatSize(long bytes) =>
            bytes > 0 && bytes % (1L << 20) == 0 ? $"{bytes >> 20} MiB ({bytes.ToString(CultureInfo.InvariantCulture)} bytes)"
            : bytes > 0 && bytes % 1024 == 0 ? $"{bytes >> 10} KiB ({bytes.ToString(CultureInfo.InvariantCulture)} bytes)"
            : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";

        /// <summary>The file a path names with its symlinks followed (itself when it is no symlink).</summary>
        public static string RealPath(string fullPath)
        {
            var info = new FileInfo(fullPath);
            if (info.LinkTarget is null)
            {
                return fullPath;
            }

            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? fullPath;
        }

        /// <summary>Reads a whole regular file; a missing file is a FileNotFoundException.</summary>
        public static FileSnapshot Read(string path) =>
            ReadIfExists(path) is { Exists: true } snapshot ? snapshot : throw new FileNotFoundException($"The file '{path}' does not exist.", path);

        /// <summary>The bytes of a regular file (see <see cref="Read"/>).</summary>
        public static byte[] ReadAllBytes(string path) => Read(path).Bytes;

        /// <summary>The text of a regular file, decoded as File.ReadAllText decodes it (UTF-8 unless a byte order mark says otherwise).</summary>
        public static string ReadAllText(string path)
        {
            using var reader = new StreamReader(new MemoryStream(ReadAllBytes(path)), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        /// <summary>
        /// Reads a whole regular file, or returns a snapshot with Exists false when nothing is there. Refuses, before
        /// opening it, anything that is not a regular file once symlinks are followed (FileNotRegular), and any file
        /// over the size limit (FileTooLarge).
        /// </summary>
        public static FileSnapshot ReadIfExists(string path)
        {
            var full = System.IO.Path.GetFullPath(path);
            var real = RealPath(full);
            var limit = SizeLimit();
            var status = FileStatus.OfPath(full);
            if (status is null)
            {
                return FileSnapshot.Missing(full, real);
            }

            Check(full, real, status, limit);
            using var stream = OpenRead(real);
            // The check again on what was opened: a path swapped for a device after the first look is still refused.
            var opened = FileStatus.OfHandle(stream.SafeFileHandle, full);
            Check(full, real, opened, limit);
            var bytes = ReadBounded(stream, opened.Size, limit, full);
            return FileSnapshot.Read(full, real, bytes, opened);
        }

        /// <summary>The bytes a handle reads from its start, at most limit (else FileTooLarge).</summary>
        internal static byte[] ReadBounded(FileStream stream, long expected, long limit, string path)
        {
            var buffer = new byte[Math.Min(expected, limit) + 1];
            int total = 0;
            while (true)
            {
                if (total == buffer.Length)
                {
                    if (buffer.Length > limit)
                    {
                        throw TooLarge(path, limit, $"it grew past the limit while it was read");
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1));
                }

                int n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            Array.Resize(ref buffer, total);
            return buffer;
        }

        /// <summary>Opens for reading, waiting up to a second while another process holds an exclusive lock (it may be writing).</summary>
        internal static FileStream OpenRead(string path)
        {
            var deadline = DateTime.UtcNow + LockWait;
            while (true)
            {
                try
                {
                    return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
                }
                catch (IOException e) when (IsLocked(e))
                {
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new IOException($"'{path}' is locked by another process (flock), which may be writing it; try again when it is done.", e);
                    }

                    Thread.Sleep(50);
                }
            }
        }

        /// <summary>.NET takes flock itself on Unix and reports a held lock as EWOULDBLOCK (errno 11) in HResult.</summary>
        internal static bool IsLocked(IOException e) => OperatingSystem.IsLinux() && e.HResult == 11 && e is not FileRefusedException;

        private static void Check(string full, string real, FileStatus status, long limit)
        {
            var name = string.Equals(full, real, StringComparison.Ordinal) ? $"'{full}'" : $"'{full}' (a symlink to '{real}')";
            if (status.Kind != FileKind.Regular)
            {
                throw new FileRefusedException("FileNotRegular", full,
                    $"{name} is {FileStatus.Describe(status.Kind)}, not a regular file: it is neither read nor replaced.");
            }

            if (status.Size > limit)
            {
                throw TooLarge(full, limit, $"it has {status.Size.ToString(CultureInfo.InvariantCulture)} bytes");
            }
        }

        private static FileRefusedException TooLarge(string path, long limit, string why) =>
            new("FileTooLarge", path,
                $"'{path}' is larger than the limit of {FormatSize(limit)}: {why}, so it is not read. Set {SizeLimitVariable} (for example 256m) to allow larger files.");
    }
}
