using System.Linq;
using DockerHarden.Daemon;
using DockerHarden.Facts;
using Xunit;

namespace DockerHarden.Tests
{
    public class DaemonConfigTests
    {
        [Theory]
        [InlineData("{\n  \"icc\": false,\n  \"bridge\" \"none\"\n}", 3, 12)]
        [InlineData("{ \"a\": 1, }", 1, 11)]
        [InlineData("{\n// comment\n}", 2, 1)]
        public void Validate_reports_one_based_line_and_column(string text, long line, long column)
        {
            var error = DaemonConfigReader.Validate("/x.json", text);
            Assert.NotNull(error);
            Assert.Equal(line, error!.Line);
            Assert.Equal(column, error.Column);
            Assert.Equal("/x.json", error.Path);
        }

        [Fact]
        public void Validate_accepts_objects_and_empty_files_and_rejects_other_top_levels()
        {
            Assert.Null(DaemonConfigReader.Validate("/x", "{}"));
            Assert.Null(DaemonConfigReader.Validate("/x", "  \n"));
            Assert.NotNull(DaemonConfigReader.Validate("/x", "[]"));
        }

        [Fact]
        public void Settings_merge_flags_and_file_by_daemon_json_key()
        {
            var daemon = new DaemonProcess(42, new[] { "-H", "unix:///run/a.sock", "--icc=false", "--log-opt", "max-size=10m", "--userland-proxy=false", "--no-new-privileges" });
            var settings = DaemonSettingsBuilder.Build(daemon, "/etc/docker/daemon.json", "{\"live-restore\": true, \"log-opts\": {\"tag\": \"x\"}, \"labels\": [\"a\", \"b\"]}");
            Assert.Equal(new[] { "unix:///run/a.sock" }, settings.List("hosts"));
            Assert.False(settings.Bool("icc"));
            Assert.False(settings.Bool("userland-proxy"));
            Assert.True(settings.Bool("no-new-privileges"));
            Assert.True(settings.Bool("live-restore"));
            Assert.True(settings.Get("icc")!.FromFlag);
            Assert.False(settings.Get("live-restore")!.FromFlag);
            Assert.Equal(new[] { "a", "b" }, settings.List("labels"));
            // A flag and the file for the same key would stop dockerd; the flag is what we report.
            Assert.Equal("10m", settings.Map("log-opts")["max-size"]);
        }

        [Fact]
        public void Group_lines_match_the_name_exactly()
        {
            Assert.Equal(new[] { "alice", "bob" }, GroupReader.ParseLine("docker:x:105:alice,bob", "docker"));
            Assert.Empty(GroupReader.ParseLine("docker:x:105:", "docker")!);
            Assert.Null(GroupReader.ParseLine("dockerx:x:106:eve", "docker"));
        }

        [Fact]
        public void Seccomp_analysis_of_the_default_shape()
        {
            var analysis = Rules.SeccompProfileAnalysis.Analyse(
                "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"setns\"],\"action\":\"SCMP_ACT_ALLOW\"}]}");
            Assert.True(analysis.BlocksAnything);
            Assert.Equal(new[] { "setns" }, analysis.UnconditionallyAllowed.ToArray());
            Assert.Throws<System.Text.Json.JsonException>(() => Rules.SeccompProfileAnalysis.Analyse("{\"syscalls\":[]}"));
        }
    }
}
