using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Threading;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Image;
using DockerHarden.Views.Image;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>Each image rule (DH3xx) on facts that pass and facts that fail, and the layer scan on archives built here.</summary>
    public class ImageRuleTests
    {
        private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

        private static ImageAuditFacts Image(Func<ImageAuditFacts, ImageAuditFacts>? change = null)
        {
            var facts = new ImageAuditFacts
            {
                Id = "sha256:" + new string('a', 64),
                Reference = "app:1.2.3",
                User = "10001:10001",
                HealthcheckTest = new[] { "CMD", "true" },
                Environment = new[] { EnvVarFact.FromEntry("PATH=/usr/bin"), EnvVarFact.FromEntry("DB_PASSWORD_FILE=/run/secrets/db") },
                Labels = new[] { EnvVarFact.Of("org.opencontainers.image.version", "1.2.3") },
                History = Steps("/bin/sh -c #(nop) ADD file:abc in /", "/bin/sh -c apt-get update && apt-get install -y curl"),
                ExposedPorts = new[] { "8080/tcp" },
                Created = Now.AddDays(-10),
                SetIdFiles = Array.Empty<SetIdFile>(),
            };
            return change is null ? facts : change(facts);
        }

        private static IReadOnlyList<BuildStep> Steps(params string[] commands) =>
            commands.Select((c, i) => new BuildStep { Index = i + 1, Command = c }).ToList();

        private static RuleOutcome Judge<T>(ImageAuditFacts facts, IReadOnlyCollection<string>? allowed = null, TimeSpan? maxAge = null) where T : ImageRule =>
            RuleCatalog.ImageRules.OfType<T>().Single().Evaluate(new ImageContext(facts, maxAge, allowed, Now));

        [Fact]
        public void A_well_built_image_passes_every_rule()
        {
            foreach (var rule in RuleCatalog.ImageRules)
            {
                var outcome = rule.Evaluate(new ImageContext(Image(), now: Now));
                Assert.True(outcome.Status == FindingStatus.Pass, $"{rule.Info.Id}: {outcome.Status} {outcome.Evidence}");
            }
        }

        [Theory]
        [InlineData("", "sets no USER")]
        [InlineData("root", "'root'")]
        [InlineData("0:0", "'0:0'")]
        public void DH301_fails_for_root(string user, string evidence)
        {
            var outcome = Judge<ImageRunsAsNonRoot>(Image(f => f with { User = user }));
            Assert.Equal(FindingStatus.Fail, outcome.Status);
            Assert.Contains(evidence, outcome.Evidence);
        }

        [Fact]
        public void DH302_fails_without_healthcheck_or_with_NONE()
        {
            Assert.Equal(FindingStatus.Fail, Judge<ImageHealthcheck>(Image(f => f with { HealthcheckTest = Array.Empty<string>() })).Status);
            Assert.Equal(FindingStatus.Fail, Judge<ImageHealthcheck>(Image(f => f with { HealthcheckTest = new[] { "NONE" } })).Status);
        }

        [Fact]
        public void DH303_names_credential_like_env_labels_and_history_steps_never_values()
        {
            var outcome = Judge<NoSecretsInImage>(Image(f => f with
            {
                Environment = new[] { EnvVarFact.FromEntry("DB_PASSWORD=hunter2value"), EnvVarFact.FromEntry("DEBUG=true"), EnvVarFact.FromEntry("DSN=postgres://u:pw0rd@db/x") },
                Labels = new[] { EnvVarFact.Of("deploy.token", "tok-123456") },
                History = Steps("|1 API_KEY=sk-live-abcdef /bin/sh -c make", "/bin/sh -c #(nop)  ENV MODE=prod"),
            }));
            Assert.Equal(FindingStatus.Fail, outcome.Status);
            Assert.Contains("DB_PASSWORD", outcome.Evidence);
            Assert.Contains("DSN", outcome.Evidence);
            Assert.Contains("deploy.token", outcome.Evidence);
            Assert.Contains("step 1 (API_KEY)", outcome.Evidence);
            Assert.DoesNotContain("DEBUG", outcome.Evidence);
            Assert.DoesNotContain("MODE", outcome.Evidence);
            foreach (var value in new[] { "hunter2value", "pw0rd", "tok-123456", "sk-live-abcdef" })
            {
                Assert.DoesNotContain(value, outcome.Evidence);
            }
        }

        [Theory]
        [InlineData("|1 DB_PASSWORD=$DB_PASSWORD /bin/sh -c make")]
        [InlineData("/bin/sh -c #(nop)  ENV ALLOW_EMPTY_PASSWORD=yes")]
        [InlineData("/bin/sh -c #(nop)  ENV DB_PASSWORD_FILE=/run/secrets/db")]
        public void DH303_passes_variables_toggles_and_secret_files(string step)
        {
            Assert.Equal(FindingStatus.Pass, Judge<NoSecretsInImage>(Image(f => f with { History = Steps(step) })).Status);
        }

        [Theory]
        [InlineData("/bin/sh -c curl -fsSL https://get.example.com | sh")]
        [InlineData("/bin/sh -c wget -qO- http://x/install.sh | sudo -E bash -")]
        [InlineData("RUN /bin/sh -c sh -c \"$(curl -fsSL https://x/i.sh)\" # buildkit")]
        [InlineData("ADD https://example.com/app.tgz /opt/")]
        public void DH304_fails_for_remote_add_and_pipe_to_shell(string step)
        {
            var outcome = Judge<NoRemoteFetchIntoShell>(Image(f => f with { History = Steps("/bin/sh -c true", step) }));
            Assert.Equal(FindingStatus.Fail, outcome.Status);
            Assert.Contains("step 2", outcome.Evidence);
        }

        [Theory]
        [InlineData("/bin/sh -c curl -fsSLo /tmp/i.sh https://x/i.sh && sha256sum -c sums && sh /tmp/i.sh")]
        [InlineData("/bin/sh -c #(nop) ADD file:0123abcd in /")]
        public void DH304_passes_checked_downloads_and_local_add(string step)
        {
            Assert.Equal(FindingStatus.Pass, Judge<NoRemoteFetchIntoShell>(Image(f => f with { History = Steps(step) })).Status);
        }

        [Fact]
        public void DH304_masks_a_secret_in_the_quoted_step()
        {
            var outcome = Judge<NoRemoteFetchIntoShell>(Image(f => f with { History = Steps("/bin/sh -c curl -H \"Authorization: Bearer s3cr3tT0ken\" https://x/i.sh | sh") }));
            Assert.Equal(FindingStatus.Fail, outcome.Status);
            Assert.DoesNotContain("s3cr3tT0ken", new HardeningFinding("DH304", "n", "t", Severity.Medium, outcome.Status, "x", outcome.Evidence, "r", "-", "-").Evidence);
        }

        [Theory]
        [InlineData("/bin/sh -c apt-get update", FindingStatus.Fail)]
        [InlineData("/bin/sh -c apk update", FindingStatus.Fail)]
        [InlineData("/bin/sh -c yum makecache", FindingStatus.Fail)]
        [InlineData("/bin/sh -c apt-get update && apt-get install -y --no-install-recommends ca-certificates", FindingStatus.Pass)]
        [InlineData("/bin/sh -c apk update && apk add curl", FindingStatus.Pass)]
        public void DH305_fails_for_an_update_alone(string step, FindingStatus expected)
        {
            Assert.Equal(expected, Judge<UpdateNotAlone>(Image(f => f with { History = Steps(step) })).Status);
        }

        [Fact]
        public void DH306_lists_set_id_files_and_honours_the_allow_list()
        {
            var files = new[]
            {
                new SetIdFile { Path = "/usr/bin/passwd", SetUid = true, Mode = 0x9ED },
                new SetIdFile { Path = "/usr/local/bin/helper", SetUid = true, SetGid = true, Mode = 0xDED },
            };
            var fail = Judge<NoUnexpectedSetIdFiles>(Image(f => f with { SetIdFiles = files }), new[] { "/usr/bin/passwd" });
            Assert.Equal(FindingStatus.Fail, fail.Status);
            Assert.Contains("/usr/local/bin/helper (setuid+setgid, 6755)", fail.Evidence);
            Assert.Contains("allowed by the policy: /usr/bin/passwd", fail.Evidence);
            Assert.Equal(FindingStatus.Pass, Judge<NoUnexpectedSetIdFiles>(Image(f => f with { SetIdFiles = files }), new[] { "/usr/*" }).Status);
            var skipped = Judge<NoUnexpectedSetIdFiles>(Image(f => f with { SetIdFiles = null, LayerScanNote = "the layers were not scanned (-SkipLayerScan)" }));
            Assert.Equal(FindingStatus.NotApplicable, skipped.Status);
            Assert.Contains("-SkipLayerScan", skipped.Evidence);
        }

        [Theory]
        [InlineData("app:latest", FindingStatus.Fail)]
        [InlineData("app", FindingStatus.Fail)]
        [InlineData("localhost:5000/app", FindingStatus.Fail)]
        [InlineData("app:1.27-alpine", FindingStatus.Pass)]
        [InlineData("", FindingStatus.NotApplicable)]
        public void DH307_judges_the_reference_as_DH131_does(string reference, FindingStatus expected)
        {
            Assert.Equal(expected, Judge<ImageReferencePinned>(Image(f => f with { Reference = reference })).Status);
        }

        [Fact]
        public void DH308_fails_an_image_older_than_MaxAge()
        {
            Assert.Equal(FindingStatus.Fail, Judge<ImageNotStale>(Image(f => f with { Created = Now.AddDays(-200) })).Status);
            Assert.Equal(FindingStatus.Pass, Judge<ImageNotStale>(Image(f => f with { Created = Now.AddDays(-200) }), maxAge: TimeSpan.FromDays(365)).Status);
            var young = Judge<ImageNotStale>(Image(f => f with { Created = Now.AddDays(-40) }), maxAge: TimeSpan.FromDays(30));
            Assert.Equal(FindingStatus.Fail, young.Status);
            Assert.Contains("40 day(s) ago", young.Evidence);
            Assert.Equal(FindingStatus.NotApplicable, Judge<ImageNotStale>(Image(f => f with { Created = null })).Status);
        }

        [Fact]
        public void DH309_fails_for_a_privileged_exposed_port()
        {
            var outcome = Judge<NoPrivilegedExposedPort>(Image(f => f with { ExposedPorts = new[] { "80/tcp", "8443/tcp" } }));
            Assert.Equal(FindingStatus.Fail, outcome.Status);
            Assert.Contains("80/tcp", outcome.Evidence);
            Assert.DoesNotContain("8443", outcome.Evidence);
            Assert.Equal(FindingStatus.NotApplicable, Judge<NoPrivilegedExposedPort>(Image(f => f with { ExposedPorts = Array.Empty<string>() })).Status);
        }

        // ---- the layer scan, on archives shaped like docker save's (layer dirs first, manifest.json last)

        private static byte[] Layer(params (string Path, int Mode, TarEntryType Type)[] entries)
        {
            using var buffer = new MemoryStream();
            using (var writer = new TarWriter(buffer, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var (path, mode, type) in entries)
                {
                    var entry = new PaxTarEntry(type, path) { Mode = (UnixFileMode)mode };
                    if (type == TarEntryType.RegularFile)
                    {
                        entry.DataStream = new MemoryStream(Encoding.ASCII.GetBytes("content of " + path));
                    }

                    writer.WriteEntry(entry);
                }
            }

            return buffer.ToArray();
        }

        private static Stream Archive(bool gzipLayers, params byte[][] layers)
        {
            var archive = new MemoryStream();
            using (var writer = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true))
            {
                var names = new List<string>();
                for (var i = 0; i < layers.Length; i++)
                {
                    // Names that sort against the layer order: the manifest, not the names, decides the order.
                    var name = $"{(char)('z' - i)}{i}/layer.tar";
                    names.Add(name);
                    var data = layers[i];
                    if (gzipLayers)
                    {
                        using var zipped = new MemoryStream();
                        using (var gz = new GZipStream(zipped, CompressionLevel.Fastest, leaveOpen: true))
                        {
                            gz.Write(data);
                        }

                        data = zipped.ToArray();
                    }

                    writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
                }

                var manifest = "[{\"Config\":\"c.json\",\"RepoTags\":null,\"Layers\":[" + string.Join(",", names.Select(n => $"\"{n}\"")) + "]}]";
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "c.json") { DataStream = new MemoryStream(Encoding.ASCII.GetBytes("{}")) });
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "manifest.json") { DataStream = new MemoryStream(Encoding.ASCII.GetBytes(manifest)) });
            }

            archive.Position = 0;
            return new ForwardOnlyStream(archive);
        }

        private const int SetUid755 = 0x9ED; // 04755
        private const int SetGid755 = 0x5ED; // 02755
        private const int Plain755 = 0x1ED;

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void The_scan_finds_set_id_files_of_the_merged_filesystem(bool gzip)
        {
            var bottom = Layer(("bin/", Plain755, TarEntryType.Directory), ("bin/su", SetUid755, TarEntryType.RegularFile),
                ("bin/wall", SetGid755, TarEntryType.RegularFile), ("bin/gone", SetUid755, TarEntryType.RegularFile),
                ("bin/rewritten", SetUid755, TarEntryType.RegularFile), ("opt/tool/x", SetUid755, TarEntryType.RegularFile),
                ("bin/dir-with-bits", 0xFED, TarEntryType.Directory));
            var top = Layer(("bin/.wh.gone", 0, TarEntryType.RegularFile), ("bin/rewritten", Plain755, TarEntryType.RegularFile),
                ("opt/tool/.wh..wh..opq", 0, TarEntryType.RegularFile), ("usr/bin/newsuid", SetUid755, TarEntryType.RegularFile));
            var files = ImageArchiveScanner.Scan(Archive(gzip, bottom, top), CancellationToken.None);
            Assert.Equal(new[] { "/bin/su", "/bin/wall", "/usr/bin/newsuid" }, files.Select(f => f.Path));
            Assert.True(files[0].SetUid && !files[0].SetGid);
            Assert.True(files[1].SetGid && !files[1].SetUid);
        }

        [Fact]
        public void The_scan_skips_file_contents_and_configs()
        {
            // A layer with one large file: the scanner reads headers only, so this costs no memory of its size.
            var big = Layer(("data.bin", Plain755, TarEntryType.RegularFile), ("sbin/ping", SetUid755, TarEntryType.RegularFile));
            var files = ImageArchiveScanner.Scan(Archive(false, big), CancellationToken.None);
            Assert.Equal("/sbin/ping", Assert.Single(files).Path);
        }

        /// <summary>A stream that cannot seek, like the engine's HTTP answer.</summary>
        private sealed class ForwardOnlyStream : Stream
        {
            private readonly Stream _inner;

            public ForwardOnlyStream(Stream inner) => _inner = inner;

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
            public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
