using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using DockerHarden.Facts;
using DockerHarden.Views.Daemon;
using Xunit;

namespace DockerHarden.Tests
{
    public class DaemonRepairPlannerTests
    {
        private static readonly Dictionary<string, string> Syslog = new() { ["syslog-address"] = "tcp+tls://log:6514" };

        private static DaemonRepairRequest All(IReadOnlyDictionary<string, DaemonSetting>? flags = null) => new()
        {
            LogDriver = "syslog",
            LogOptions = Syslog,
            FlagKeys = flags ?? new Dictionary<string, DaemonSetting>(),
        };

        private static List<string> Keys(string json) =>
            JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name).ToList();

        [Fact]
        public void Keeps_unknown_keys_and_their_order_and_appends_new_ones()
        {
            var text = "{\"debug\": true, \"labels\": [\"a=b\"], \"live-restore\": false, \"max-concurrent-downloads\": 3}";
            var plan = DaemonRepairPlanner.Plan(text, All());
            var keys = Keys(plan.NewText);
            Assert.Equal(new[] { "debug", "labels", "live-restore", "max-concurrent-downloads" }, keys.Take(4));
            using var doc = JsonDocument.Parse(plan.NewText);
            Assert.Equal(3, doc.RootElement.GetProperty("max-concurrent-downloads").GetInt32());
            Assert.True(doc.RootElement.GetProperty("live-restore").GetBoolean());
            Assert.Contains(plan.Changes, c => c.Key == "live-restore" && c.Before == "false" && c.After == "true");
        }

        [Fact]
        public void Is_idempotent()
        {
            var first = DaemonRepairPlanner.Plan("{\"experimental\": true, \"insecure-registries\": [\"10.0.0.1:5000\"]}", All());
            Assert.NotEmpty(first.Changes);
            var second = DaemonRepairPlanner.Plan(first.NewText, All());
            Assert.Empty(second.Changes);
            Assert.Equal(first.NewText, second.NewText);
        }

        [Fact]
        public void Bridge_none_makes_icc_moot_and_icc_needs_iptables()
        {
            var plan = DaemonRepairPlanner.Plan("{}", All());
            Assert.DoesNotContain(plan.Changes, c => c.Key == "icc");
            Assert.Contains(plan.Notes, n => n.StartsWith("DH005", StringComparison.Ordinal));

            var keepBridge = new DaemonRepairRequest { Rules = new[] { "DH005" } };
            Assert.Contains(DaemonRepairPlanner.Plan("{}", keepBridge).Changes, c => c.Key == "icc" && c.After == "false");
            var noIptables = DaemonRepairPlanner.Plan("{\"iptables\": false}", keepBridge);
            Assert.Empty(noIptables.Changes);
            Assert.Contains(noIptables.Warnings, w => w.Contains("needs iptables"));
        }

        [Fact]
        public void Userns_remap_warns_that_images_move_and_is_skipped_when_rootless_or_set()
        {
            var plan = DaemonRepairPlanner.Plan("{}", new DaemonRepairRequest { Rules = new[] { "DH006" } });
            Assert.Contains(plan.Warnings, w => w.Contains("not visible"));
            Assert.Empty(DaemonRepairPlanner.Plan("{\"userns-remap\": \"builder\"}", new DaemonRepairRequest { Rules = new[] { "DH006" } }).Changes);
            Assert.Empty(DaemonRepairPlanner.Plan("{}", new DaemonRepairRequest { Rules = new[] { "DH006" }, Rootless = true }).Changes);
        }

        [Fact]
        public void Log_driver_needs_both_parameters()
        {
            var skipped = DaemonRepairPlanner.Plan("{}", new DaemonRepairRequest { Rules = new[] { "DH011" }, LogDriver = "syslog" });
            Assert.Empty(skipped.Changes);
            Assert.Contains(skipped.Notes, n => n.StartsWith("DH011: skipped", StringComparison.Ordinal));
            var written = DaemonRepairPlanner.Plan("{\"log-opts\": {\"max-size\": \"10m\"}}", new DaemonRepairRequest { Rules = new[] { "DH011" }, LogDriver = "syslog", LogOptions = Syslog });
            Assert.Contains(written.Changes, c => c.Key == "log-opts" && c.After == "{\"syslog-address\":\"tcp+tls://log:6514\"}");
        }

        [Fact]
        public void Never_writes_a_key_the_command_line_sets_unless_it_already_agrees()
        {
            var flags = new Dictionary<string, DaemonSetting>
            {
                ["live-restore"] = new("live-restore", new[] { "false" }, "dockerd --live-restore (pid 7)", true),
                ["no-new-privileges"] = new("no-new-privileges", new[] { "true" }, "dockerd --no-new-privileges (pid 7)", true),
            };
            var plan = DaemonRepairPlanner.Plan("{}", All(flags));
            Assert.DoesNotContain(plan.Changes, c => c.Key is "live-restore" or "no-new-privileges");
            Assert.Contains(plan.Warnings, w => w.Contains("--live-restore") && w.Contains("command line"));
            Assert.DoesNotContain(plan.Warnings, w => w.Contains("--no-new-privileges"));
        }

        [Fact]
        public void Removes_what_it_owns_and_keeps_loopback_registries()
        {
            var text = "{\"cgroup-parent\": \"/x\", \"seccomp-profile\": \"unconfined\", \"insecure-registries\": [\"10.0.0.1:5000\", \"localhost:5000\"], \"experimental\": true}";
            using var doc = JsonDocument.Parse(DaemonRepairPlanner.Plan(text, All()).NewText);
            var root = doc.RootElement;
            Assert.False(root.TryGetProperty("cgroup-parent", out _));
            Assert.False(root.TryGetProperty("seccomp-profile", out _));
            Assert.False(root.TryGetProperty("experimental", out _));
            Assert.Equal("localhost:5000", root.GetProperty("insecure-registries")[0].GetString());
            Assert.Equal(1, root.GetProperty("insecure-registries").GetArrayLength());
        }

        [Fact]
        public void A_custom_profile_is_removed_only_when_it_is_weak()
        {
            var text = "{\"seccomp-profile\": \"/etc/docker/seccomp.json\"}";
            Assert.Empty(DaemonRepairPlanner.Plan(text, new DaemonRepairRequest { Rules = new[] { "DH012" } }).Changes);
            Assert.Single(DaemonRepairPlanner.Plan(text, new DaemonRepairRequest { Rules = new[] { "DH012" }, SeccompProfileIsWeak = true }).Changes);
        }
    }
}
