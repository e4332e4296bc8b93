using System;
using System.IO;
using System.Text;
using DockerHarden.Files;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>The file layer's pure parts (sizes, names) and its checks on real files of a temporary directory.</summary>
    public sealed class FileSafetyTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dh-filesafety-xunit-" + Guid.NewGuid().ToString("N"));

        public FileSafetyTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Theory]
        [InlineData("67108864", 67108864L)]
        [InlineData("64m", 64L << 20)]
        [InlineData("64MB", 64L << 20)]
        [InlineData(" 512k ", 512L << 10)]
        [InlineData("1g", 1L << 30)]
        [InlineData("1gb", 1L << 30)]
        public void Sizes_are_bytes_or_1024_based_units(string text, long bytes) => Assert.Equal(bytes, SafeFile.ParseSize(text));

        [Theory]
        [InlineData("lots")]
        [InlineData("-1")]
        [InlineData("1.5m")]
        [InlineData("m")]
        [InlineData("99999999999999999999")]
        [InlineData("9999999999999g")]
        public void What_is_not_a_size_is_null(string text) => Assert.Null(SafeFile.ParseSize(text));

        [Theory]
        [InlineData(64L << 20, "64 MiB (67108864 bytes)")]
        [InlineData(1024L, "1 KiB (1024 bytes)")]
        [InlineData(10L, "10 bytes")]
        [InlineData(1500L, "1500 bytes")]
        public void Limits_read_as_units_and_bytes(long bytes, string text) => Assert.Equal(text, SafeFile.FormatSize(bytes));

        [Fact]
        public void Backup_names_get_a_counter_when_taken()
        {
            var file = Write("compose.yml", "a");
            var now = new DateTime(2026, 12, 2, 3, 4, 5, DateTimeKind.Utc);
            Assert.Equal(file + ".20261202-030405.bak", AtomicFile.BackupName(file, now));
            File.WriteAllText(file + ".20261202-030405.bak", "");
            Assert.Equal(file + ".20261202-030405-2.bak", AtomicFile.BackupName(file, now));
        }

        [Fact]
        public void A_character_device_and_a_directory_are_refused_by_kind()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            var device = Assert.Throws<FileRefusedException>(() => SafeFile.Read("/dev/null"));
            Assert.Equal("FileNotRegular", device.ErrorId);
            Assert.Contains("'/dev/null' is a character device, not a regular file", device.Message);
            var directory = Assert.Throws<FileRefusedException>(() => SafeFile.Read(_dir));
            Assert.Contains("is a directory", directory.Message);
        }

        [Fact]
        public void A_missing_file_is_a_snapshot_that_does_not_exist()
        {
            var snapshot = SafeFile.ReadIfExists(Path.Combine(_dir, "daemon.json"));
            Assert.False(snapshot.Exists);
            Assert.Empty(snapshot.Bytes);
        }

        [Fact]
        public void An_append_after_the_read_is_FileChangedDuringRepair_and_nothing_is_left()
        {
            var file = Write("compose.yml", "services: {}\n");
            var snapshot = SafeFile.Read(file);
            File.AppendAllText(file, "# appended\n");
            var e = Assert.Throws<FileRefusedException>(() => AtomicFile.Replace(snapshot, Encoding.UTF8.GetBytes("new"), backup: true, DateTime.UtcNow));
            Assert.Equal("FileChangedDuringRepair", e.ErrorId);
            Assert.Contains("its size went from 13 to 24 bytes", e.Message);
            Assert.Equal("services: {}\n# appended\n", File.ReadAllText(file));
            Assert.Single(Directory.GetFileSystemEntries(_dir));
        }

        [Fact]
        public void A_same_size_rewrite_after_the_read_is_caught_by_the_content_hash()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }

            var file = Write("daemon.json", "{\"debug\": true}");
            var snapshot = SafeFile.Read(file);
            var reference = Write("reference", "");
            Touch("-r", file, reference);
            File.WriteAllText(file, "{\"debug\": fals}");
            Touch("-r", reference, file); // the nanosecond mtime of before, as a writer within the same clock tick leaves it
            var e = Assert.Throws<FileRefusedException>(() => AtomicFile.Replace(snapshot, Encoding.UTF8.GetBytes("{}"), backup: false, DateTime.UtcNow));
            Assert.Contains("its content differs from what was read", e.Message);
        }

        [Fact]
        public void A_replace_keeps_the_mode_and_a_new_file_gets_rw_r__r__()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var file = Write("compose.yml", "a");
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
            var backup = AtomicFile.Replace(SafeFile.Read(file), Encoding.UTF8.GetBytes("b"), backup: true, DateTime.UtcNow);
            Assert.Equal("b", File.ReadAllText(file));
            Assert.Equal("a", File.ReadAllText(backup!));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(file));
            Assert.Equal(File.GetUnixFileMode(file), File.GetUnixFileMode(backup!));

            var fresh = Path.Combine(_dir, "daemon.json");
            Assert.Null(AtomicFile.Replace(SafeFile.ReadIfExists(fresh), Encoding.UTF8.GetBytes("{}"), backup: true, DateTime.UtcNow));
            Assert.Equal(AtomicFile.NewFileMode, File.GetUnixFileMode(fresh));
        }

        [Fact]
        public void A_file_created_after_a_missing_read_is_not_overwritten()
        {
            var fresh = Path.Combine(_dir, "daemon.json");
            var snapshot = SafeFile.ReadIfExists(fresh);
            File.WriteAllText(fresh, "{\"theirs\": true}");
            var e = Assert.Throws<FileRefusedException>(() => AtomicFile.Replace(snapshot, Encoding.UTF8.GetBytes("{}"), backup: false, DateTime.UtcNow));
            Assert.Contains("another process created it since", e.Message);
            Assert.Equal("{\"theirs\": true}", File.ReadAllText(fresh));
        }

        private static void Touch(params string[] arguments)
        {
            using var touch = System.Diagnostics.Process.Start("touch", arguments);
            touch.WaitForExit();
            Assert.Equal(0, touch.ExitCode);
        }

        private string Write(string name, string text)
        {
            var path = Path.Combine(_dir, name);
            File.WriteAllText(path, text);
            return path;
        }
    }
}
