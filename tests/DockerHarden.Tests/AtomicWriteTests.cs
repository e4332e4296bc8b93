using System;
using System.IO;
using System.Linq;
using DockerHarden.Files;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>
    /// Export-HardeningReport writes through the same atomic writer as the repair cmdlets: a symlinked report path
    /// keeps its link, the replaced file keeps its mode, an existing file without overwrite stays as it was.
    /// </summary>
    public sealed class AtomicWriteTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "dh-atomicwrite-xunit-" + Guid.NewGuid().ToString("N"));

        public AtomicWriteTests() => Directory.CreateDirectory(_dir);

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void A_symlink_is_written_through_and_stays_a_link()
        {
            var real = Path.Combine(_dir, "reports", "daemon.sarif");
            Directory.CreateDirectory(Path.GetDirectoryName(real)!);
            File.WriteAllText(real, "old");
            var link = Path.Combine(_dir, "latest.sarif");
            File.CreateSymbolicLink(link, real);

            AtomicFile.Write(link, overwrite: true, w => w.Write("new"));

            Assert.NotNull(new FileInfo(link).LinkTarget);
            Assert.Equal("new", File.ReadAllText(real));
            Assert.Empty(TempFiles());
        }

        [Fact]
        public void The_replaced_file_keeps_its_mode_and_lines_end_in_lf()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var path = Path.Combine(_dir, "report.html");
            File.WriteAllText(path, "old");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            AtomicFile.Write(path, overwrite: true, w => { w.WriteLine("a"); w.WriteLine("b"); });

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal("a\nb\n", File.ReadAllText(path));
        }

        [Fact]
        public void Without_overwrite_an_existing_file_is_an_error_and_untouched()
        {
            var path = Path.Combine(_dir, "report.json");
            File.WriteAllText(path, "keep");

            Assert.ThrowsAny<IOException>(() => AtomicFile.Write(path, overwrite: false, w => w.Write("new")));

            Assert.Equal("keep", File.ReadAllText(path));
            Assert.Empty(TempFiles());
        }

        [Fact]
        public void A_new_file_is_rw_r__r__()
        {
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            var path = Path.Combine(_dir, "new.xml");
            AtomicFile.Write(path, overwrite: false, w => w.Write("<x/>"));
            Assert.Equal(AtomicFile.NewFileMode, File.GetUnixFileMode(path));
        }

        private string[] TempFiles() => Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories).ToArray();
    }
}
