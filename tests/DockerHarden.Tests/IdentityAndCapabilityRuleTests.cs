using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Container;
using Xunit;
using static DockerHarden.Tests.Given;

namespace DockerHarden.Tests
{
    public class IdentityAndCapabilityRuleTests
    {
        [Theory]
        [InlineData("")]
        [InlineData("root")]
        [InlineData("0")]
        [InlineData("0:0")]
        [InlineData("root:staff")]
        public void DH101_fails_for_root(string user)
        {
            Assert.Equal(FindingStatus.Fail, Run<RunAsNonRootUser>(new ContainerFacts { User = user }).Status);
        }

        [Theory]
        [InlineData("1000:0")]
        [InlineData("10001:10001")]
        [InlineData("app")]
        public void DH101_passes_for_non_root(string user)
        {
            Assert.Equal(FindingStatus.Pass, Run<RunAsNonRootUser>(new ContainerFacts { User = user }).Status);
        }

        [Fact]
        public void DH102_fails_without_drop_all()
        {
            var o = Run<DropAllCapabilities>(new ContainerFacts { CapDrop = new[] { "NET_RAW" } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("NET_RAW", o.Evidence);
        }

        [Theory]
        [InlineData("ALL")]
        [InlineData("all")]
        [InlineData("CAP_ALL")]
        public void DH102_passes_with_drop_all(string all)
        {
            Assert.Equal(FindingStatus.Pass, Run<DropAllCapabilities>(new ContainerFacts { CapDrop = new[] { all } }).Status);
        }

        [Fact]
        public void DH102_fails_when_privileged_overrides_drop_all()
        {
            var o = Run<DropAllCapabilities>(new ContainerFacts { CapDrop = new[] { "ALL" }, Privileged = true });
            Assert.Equal(FindingStatus.Fail, o.Status);
        }

        [Fact]
        public void DH103_default_set_fails_with_sensitive_defaults_high()
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts());
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.High, o.Severity);
            Assert.Contains("CHOWN", o.Evidence);
            Assert.Contains("SYS_CHROOT", o.Evidence);
        }

        [Fact]
        public void DH103_drop_all_passes()
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { CapDrop = new[] { "ALL" }, CapAdd = new[] { "NET_BIND_SERVICE" } });
            Assert.Equal(FindingStatus.Pass, o.Status);
            Assert.Contains("NET_BIND_SERVICE", o.Evidence);
        }

        [Fact]
        public void DH103_dropping_exactly_the_sensitive_defaults_passes()
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts
            {
                CapDrop = new[] { "chown", "CAP_DAC_OVERRIDE", "fowner", "fsetid", "mknod", "setfcap", "setpcap", "setuid", "setgid", "sys_chroot" },
            });
            Assert.Equal(FindingStatus.Pass, o.Status);
        }

        [Theory]
        [InlineData("SYS_ADMIN")]
        [InlineData("cap_sys_admin")]
        [InlineData("sys_module")]
        [InlineData("CAP_SYS_RAWIO")]
        [InlineData("SYS_PTRACE")]
        public void DH103_critical_caps_raise_severity(string cap)
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { CapDrop = new[] { "ALL" }, CapAdd = new[] { cap } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Critical, o.Severity);
            Assert.Contains(Capabilities.Normalize(cap), o.Evidence);
        }

        [Fact]
        public void DH103_add_all_is_critical_and_lists_every_sensitive_cap()
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { CapAdd = new[] { "all" } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Critical, o.Severity);
            foreach (var cap in Capabilities.Sensitive)
            {
                Assert.Contains(cap, o.Evidence);
            }
        }

        [Fact]
        public void DH103_non_critical_sensitive_add_stays_high()
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { CapDrop = new[] { "ALL" }, CapAdd = new[] { "CAP_CHOWN", "MKNOD" } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.High, o.Severity);
            Assert.Contains("sensitive capabilities in the effective set: CHOWN, MKNOD", o.Evidence);
        }

        [Theory]
        [InlineData("CAP_CHOWN")]
        [InlineData("SETGID")]
        [InlineData("CHOWN", "SETUID", "SETGID", "DAC_OVERRIDE", "FOWNER")]
        public void DH103_a_minimal_add_back_after_drop_all_is_medium(params string[] caps)
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { CapDrop = new[] { "ALL" }, CapAdd = caps });
            Assert.Equal((FindingStatus.Fail, Severity.Medium), (o.Status, o.Severity));
            Assert.Contains("minimal add-back", o.Evidence);
        }

        [Fact]
        public void DH103_the_same_capabilities_without_drop_all_stay_high()
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { CapAdd = new[] { "SETGID" }, CapDrop = new[] { "MKNOD" } });
            Assert.Equal(Severity.High, o.Severity);
            Assert.Contains("SETGID", o.Evidence);
        }

        [Theory]
        [InlineData("DAC_READ_SEARCH", Severity.Critical)]
        [InlineData("BPF", Severity.Critical)]
        [InlineData("NET_ADMIN", Severity.High)]
        [InlineData("SYS_TIME", Severity.High)]
        [InlineData("SYS_RESOURCE", Severity.High)]
        [InlineData("LINUX_IMMUTABLE", Severity.High)]
        [InlineData("MAC_ADMIN", Severity.High)]
        [InlineData("MAC_OVERRIDE", Severity.High)]
        [InlineData("PERFMON", Severity.High)]
        [InlineData("SYSLOG", Severity.Medium)]
        [InlineData("AUDIT_READ", Severity.Medium)]
        [InlineData("CHECKPOINT_RESTORE", Severity.Medium)]
        [InlineData("BLOCK_SUSPEND", Severity.Low)]
        [InlineData("WAKE_ALARM", Severity.Low)]
        [InlineData("NET_BROADCAST", Severity.Low)]
        public void DH103_judges_capabilities_beyond_the_guides_17_with_their_own_severity(string cap, Severity severity)
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { CapDrop = new[] { "ALL" }, CapAdd = new[] { cap } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(severity, o.Severity);
            Assert.Contains(cap, o.Evidence);
        }

        [Fact]
        public void DH103_takes_the_severity_of_the_worst_capability_held()
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { CapDrop = new[] { "ALL" }, CapAdd = new[] { "WAKE_ALARM", "SYSLOG", "DAC_READ_SEARCH" } });
            Assert.Equal(Severity.Critical, o.Severity);
            Assert.Contains("worst: DAC_READ_SEARCH (Critical)", o.Evidence);
        }

        [Theory]
        [InlineData("NET_BIND_SERVICE")]
        [InlineData("KILL")]
        [InlineData("AUDIT_WRITE")]
        public void DH103_capabilities_confined_to_the_container_pass(string cap)
        {
            Assert.Equal(FindingStatus.Pass,
                Run<NoSensitiveCapabilities>(new ContainerFacts { CapDrop = new[] { "ALL" }, CapAdd = new[] { cap } }).Status);
        }

        [Fact]
        public void Every_judged_capability_is_a_kernel_capability()
        {
            foreach (var cap in Capabilities.Sensitive)
            {
                Assert.Contains(cap, Capabilities.Every);
            }
        }

        [Fact]
        public void DH103_privileged_is_critical()
        {
            var o = Run<NoSensitiveCapabilities>(new ContainerFacts { Privileged = true, CapDrop = new[] { "ALL" } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Critical, o.Severity);
            Assert.Contains("SYS_ADMIN", o.Evidence);
        }

        [Fact]
        public void Effective_capabilities_follow_the_engine()
        {
            Assert.Equal(Capabilities.DockerDefault.OrderBy(c => c, System.StringComparer.Ordinal),
                Capabilities.Effective(false, new string[0], new string[0]));
            Assert.Empty(Capabilities.Effective(false, new string[0], new[] { "ALL" }));
            Assert.Equal(new[] { "NET_ADMIN" }, Capabilities.Effective(false, new[] { "cap_net_admin" }, new[] { "all" }));
            var addAll = Capabilities.Effective(false, new[] { "ALL" }, new[] { "SYS_ADMIN" });
            Assert.DoesNotContain("SYS_ADMIN", addAll);
            Assert.Contains("SYS_MODULE", addAll);
            var minusChown = Capabilities.Effective(false, new[] { "SYS_TIME" }, new[] { "Chown" });
            Assert.DoesNotContain("CHOWN", minusChown);
            Assert.Contains("SYS_TIME", minusChown);
            Assert.Equal(Capabilities.Every.Count, Capabilities.Effective(true, new string[0], new[] { "ALL" }).Count);
        }

        [Fact]
        public void DH104_privileged_fails_and_unprivileged_passes()
        {
            Assert.Equal(FindingStatus.Fail, Run<NotPrivileged>(new ContainerFacts { Privileged = true }).Status);
            Assert.Equal(FindingStatus.Pass, Run<NotPrivileged>(new ContainerFacts()).Status);
        }
    }
}
