using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Views.Daemon;
using Xunit;

namespace DockerHarden.Tests
{
    public class DaemonConfigTests
    {
        private static DaemonConfigCheck Check(string text) => DaemonConfigValidator.Check("/x.json", text);

        [Theory]
        [InlineData("{\n  \"icc\": false,\n  \"bridge\" \"none\"\n}", 3, 12)]
        [InlineData("{ \"debug\": true, }", 1, 18)]
        [InlineData("{\n// comment\n}", 2, 1)]
        public void Syntax_errors_have_one_based_line_and_column(string text, long line, long column)
        {
            var error = Check(text).FirstRefusal;
            Assert.NotNull(error);
            Assert.Equal(line, error!.Line);
            Assert.Equal(column, error.Column);
            Assert.Equal("/x.json", error.Path);
        }

        // Each refused case was started with a real dockerd 20.10 (--config-file) and refused there; the Pester suite does so again.
        [Theory]
        [InlineData("{\"icc\": \"yes\"}", 1, 2, "\"icc\" must be a boolean (true or false), not a string")]
        [InlineData("{\n  \"debug\": true,\n  \"experimental\": \"true\"\n}", 3, 3, "\"experimental\" must be a boolean")]
        [InlineData("{\"insecure-registries\": \"10.0.0.1:5000\"}", 1, 2, "must be an array of strings, not a string")]
        [InlineData("", 1, 1, "the file is empty")]
        [InlineData(" \n\t ", 1, 1, "the file is empty")]
        [InlineData("[]", 1, 1, "the top level is an array")]
        [InlineData("{\"foo\": 1}", 1, 2, "\"foo\" is not a dockerd 20.10 option")]
        [InlineData("{\"ICC\": true}", 1, 2, "(did you mean \"icc\"?)")]
        [InlineData("{\"foo\": {\"bar\": 1}}", 1, 10, "\"bar\" inside \"foo\"")]
        [InlineData("{\"icc\": {}}", 1, 2, "\"icc\" must be a boolean (true or false), not an object")]
        [InlineData("{\"mtu\": 1.5}", 1, 2, "not 1.5")]
        [InlineData("{\"mtu\": 1e3}", 1, 2, "not 1e3")]
        [InlineData("{\"mtu\": \"1500\"}", 1, 2, "\"mtu\" must be an integer, not a string")]
        [InlineData("{\"labels\": [1]}", 1, 13, "\"labels[0]\" must be a string, not a number")]
        [InlineData("{\"log-opts\": {\"max-size\": 1}}", 1, 15, "\"log-opts.max-size\" must be a string")]
        [InlineData("{\"features\": {\"buildkit\": \"yes\"}}", 1, 15, "must be a boolean")]
        [InlineData("{\"ip\": \"x\"}", 1, 2, "not an IP address")]
        [InlineData("{\"ip\": 1}", 1, 2, "must be an IP address in a string, not a number")]
        [InlineData("{\"default-shm-size\": 67108864}", 1, 2, "must be a size in a string")]
        [InlineData("{\"default-shm-size\": null}", 1, 2, "not null")]
        [InlineData("{\"runtimes\": {\"x\": {\"path\": 1}}}", 1, 21, "\"runtimes.x.path\" must be a string")]
        [InlineData("{\"default-ulimits\": {\"nofile\": {\"Hard\": \"x\"}}}", 1, 33, "\"default-ulimits.nofile.Hard\" must be an integer")]
        [InlineData("{\"default-address-pools\": [{\"base\": 1}]}", 1, 29, "\"default-address-pools[0].base\" must be a string")]
        [InlineData("{\"builder\": {\"gc\": {\"enabled\": \"yes\"}}}", 1, 21, "\"builder.gc.enabled\" must be a boolean")]
        [InlineData("{\"max-concurrent-downloads\": -1}", 1, 2, "below 0")]
        [InlineData("{\"labels\": [\"c\"]}", 1, 13, "has no '='")]
        [InlineData("{\"containerd-plugin-namespace\": \"x\"}", 1, 2, "is not a dockerd 20.10 option")]
        [InlineData("{\"graph\": \"/a\", \"data-root\": \"/b\"}", 1, 2, "\"graph\" and \"data-root\" are both set")]
        [InlineData("\u00e9{}", 1, 1, "invalid")]
        public void Refuses_what_dockerd_refuses_naming_the_key_and_its_place(string text, long line, long column, string says)
        {
            var check = Check(text);
            var error = check.FirstRefusal;
            Assert.True(error is not null, $"expected a refusal of {text}");
            Assert.Contains(says, error!.Message);
            Assert.Equal((line, column), (error.Line, error.Column));
        }

        [Fact]
        public void Refuses_byte_order_marks_utf16_and_nul_bytes()
        {
            var bom = DaemonConfigValidator.Check("/x", new byte[] { 0xEF, 0xBB, 0xBF, (byte)'{', (byte)'}' });
            Assert.Contains("byte order mark", bom.FirstRefusal!.Message);
            var utf16 = DaemonConfigValidator.Check("/x", System.Text.Encoding.Unicode.GetPreamble().Concat(System.Text.Encoding.Unicode.GetBytes("{}")).ToArray());
            Assert.Contains("UTF-16", utf16.FirstRefusal!.Message);
            var bare16 = DaemonConfigValidator.Check("/x", System.Text.Encoding.Unicode.GetBytes("{}"));
            Assert.Contains("NUL", bare16.FirstRefusal!.Message);
        }

        // Each of these a real dockerd 20.10 loads, but not as written.
        [Theory]
        [InlineData("{\"debug\": true,\n \"debug\": false}", 2, 2, "set again here (first at 1:2)")]
        [InlineData("{\"debug\": true} xyz", 1, 17, "ignores")]
        [InlineData("{\"debug\": true}{\"icc\": \"yes\"}", 1, 16, "ignores")]
        [InlineData("{\"insecure-registry\": [\"10.0.0.1:5000\"]}", 1, 2, "its daemon.json name is \"insecure-registries\"")]
        [InlineData("{\"foo\": {}}", 1, 2, "ignores it because its value is an empty object")]
        [InlineData("{\"foo\": {\"debug\": true}}", 1, 2, "reads the keys inside it (debug)")]
        public void Warns_where_dockerd_reads_otherwise_than_written(string text, long line, long column, string says)
        {
            var check = Check(text);
            Assert.Empty(check.Refusals);
            var warning = Assert.Single(check.Warnings);
            Assert.Contains(says, warning.Message);
            Assert.Equal((line, column), (warning.Line, warning.Column));
        }

        [Fact]
        public void Warns_about_bytes_that_are_not_utf8_and_counts_columns_in_characters()
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes("{\"labels\": [\"é=").Concat(new byte[] { 0xFF }).Concat(System.Text.Encoding.UTF8.GetBytes("\"]}")).ToArray();
            var check = DaemonConfigValidator.Check("/x", bytes);
            Assert.Empty(check.Refusals);
            var warning = Assert.Single(check.Warnings);
            Assert.Contains("not UTF-8", warning.Message);
            Assert.Equal((1L, 16L), (warning.Line, warning.Column));
            Assert.Contains('\uFFFD', check.Text);
        }

        [Theory]
        [InlineData("{}")]
        [InlineData("null")]
        [InlineData("{\"labels\": null, \"icc\": null, \"ip\": null, \"default-gateway\": \"\"}")]
        [InlineData("{\"default-shm-size\": \"64M\", \"mtu\": 1500, \"ip\": \"127.0.0.1\", \"default-gateway-v6\": \"fe80::1\"}")]
        [InlineData("{\"runtimes\": {\"x\": {\"path\": \"/usr/bin/runc\", \"runtimeArgs\": [\"--debug\"], \"other\": 1}}}")]
        [InlineData("{\"default-ulimits\": {\"nofile\": {\"name\": \"nofile\", \"hard\": 64000, \"soft\": 64000}}}")]
        [InlineData("{\"default-address-pools\": [{\"base\": \"10.10.0.0/16\", \"size\": 24}]}")]
        [InlineData("{\"builder\": {\"gc\": {\"enabled\": true, \"defaultKeepStorage\": \"10GB\", \"policy\": [{\"keepStorage\": \"1GB\", \"filter\": [\"unused-for=1h\"]}]}}}")]
        [InlineData("{\"ic\\u0063\": false, \"labels\": [\"a=\\u00e9\"], \"log-opts\": {\"tag\": \"x\"}}")]
        public void Passes_what_dockerd_loads_as_written(string text)
        {
            var check = Check(text);
            Assert.True(check.IsClean, string.Join("; ", check.Refusals.Concat(check.Warnings)));
        }

        [Fact]
        public void The_table_has_one_row_per_key_and_names_the_real_key_of_every_ignored_flag_name()
        {
            Assert.Equal(DaemonConfigSchema.Keys.Count, DaemonConfigSchema.Keys.Select(k => k.Key).Distinct().Count());
            foreach (var ignored in DaemonConfigSchema.Keys.Where(k => k.IgnoredBecause?.Contains("daemon.json name is") == true))
            {
                var real = ignored.IgnoredBecause!.Split('"')[1];
                Assert.True(DaemonConfigSchema.Find(real) is { IgnoredBecause: null }, $"{ignored.Key} points at {real}");
            }
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
