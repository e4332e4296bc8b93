using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Container;
using Xunit;
using static DockerHarden.Tests.Given;

namespace DockerHarden.Tests
{
    public class MountAndDeviceRuleTests
    {
        [Theory]
        [InlineData("/", Severity.Critical)]
        [InlineData("//", Severity.Critical)]
        [InlineData("/dev", Severity.Critical)]
        [InlineData("/dev/", Severity.Critical)]
        [InlineData("/dev/sda", Severity.Critical)]
        [InlineData("/proc", Severity.Critical)]
        [InlineData("/sys/fs/cgroup", Severity.Critical)]
        [InlineData("/etc", Severity.High)]
        [InlineData("/etc/ssl/certs/", Severity.High)]
        [InlineData("/boot", Severity.High)]
        [InlineData("/lib/modules", Severity.High)]
        [InlineData("/usr", Severity.High)]
        [InlineData("/var/lib/docker", Severity.High)]
        [InlineData("/var/lib/docker/volumes/x/_data", Severity.High)]
        [InlineData("/run", Severity.High)]
        [InlineData("/var/run/", Severity.High)]
        [InlineData("/var/run/../run", Severity.High)]
        [InlineData("/root", Severity.High)]
        [InlineData("/root/.ssh", Severity.High)]
        [InlineData("/home", Severity.High)]
        [InlineData("/home/app/data", Severity.High)]
        [InlineData("/etc/localtime", Severity.High)]
        [InlineData("/run/dbus", Severity.High)]
        [InlineData("/var/run/dbus/system_bus_socket", Severity.High)]
        public void DH105_sensitive_sources_fail(string source, Severity severity)
        {
            var o = Run<NoSensitiveHostMounts>(new ContainerFacts { Mounts = new[] { Bind(source) } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(severity, o.Severity);
        }

        [Theory]
        [InlineData("/etc/localtime", false, FindingStatus.Pass)]
        [InlineData("/etc/timezone", false, FindingStatus.Pass)]
        [InlineData("/etc/localtime", true, FindingStatus.Fail)]
        [InlineData("/etc/localtime/", false, FindingStatus.Pass)]
        [InlineData("/etc/localtime.d", false, FindingStatus.Fail)]
        [InlineData("/etc/hosts", false, FindingStatus.Fail)]
        public void DH105_allows_only_read_only_time_zone_files(string source, bool readWrite, FindingStatus status)
        {
            var mount = new MountFact { Type = "bind", Source = source, Destination = source, ReadWrite = readWrite };
            Assert.Equal(status, Run<NoSensitiveHostMounts>(new ContainerFacts { Mounts = new[] { mount } }).Status);
        }

        [Theory]
        [InlineData("/devices")]
        [InlineData("/etcetera")]
        [InlineData("/homework")]
        [InlineData("/rootfs")]
        [InlineData("/srv/dev")]
        [InlineData("/var/lib/dockerfiles")]
        [InlineData("/var/run/docker.sock")]
        [InlineData("/library")]
        [InlineData("/run/user/1000")]
        [InlineData("/runner")]
        public void DH105_other_sources_pass(string source)
        {
            Assert.Equal(FindingStatus.Pass, Run<NoSensitiveHostMounts>(new ContainerFacts { Mounts = new[] { Bind(source) } }).Status);
        }

        [Fact]
        public void DH105_read_only_sensitive_mount_still_fails_and_says_ro()
        {
            var o = Run<NoSensitiveHostMounts>(new ContainerFacts { Mounts = new[] { Bind("/etc", "/host-etc", readWrite: false) } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("ro", o.Evidence);
            Assert.Contains("/etc -> /host-etc", o.Evidence);
        }

        [Fact]
        public void DH105_only_bind_mounts_count_and_worst_severity_wins()
        {
            var volume = new MountFact { Type = "volume", Source = "/var/lib/docker/volumes/data/_data", Destination = "/data" };
            Assert.Equal(FindingStatus.Pass, Run<NoSensitiveHostMounts>(new ContainerFacts { Mounts = new[] { volume } }).Status);

            var o = Run<NoSensitiveHostMounts>(new ContainerFacts { Mounts = new[] { Bind("/etc"), Bind("/proc") } });
            Assert.Equal(Severity.Critical, o.Severity);
            Assert.Contains("/etc", o.Evidence);
            Assert.Contains("/proc", o.Evidence);
        }

        [Theory]
        [InlineData("/var/run/docker.sock")]
        [InlineData("/run/docker.sock")]
        [InlineData("/run/containerd/containerd.sock")]
        [InlineData("/home/me/.docker/run/docker.sock")]
        public void DH106_socket_mount_fails_critical(string source)
        {
            var o = Run<NoDockerSocketMount>(new ContainerFacts { Mounts = new[] { Bind(source, "/var/run/docker.sock", readWrite: false) } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Critical, o.Severity);
            Assert.Contains(source, o.Evidence);
        }

        [Theory]
        [InlineData("/var/run")]
        [InlineData("/run/")]
        [InlineData("/run/docker")]
        [InlineData("/var/run/docker")]
        [InlineData("/run/containerd")]
        [InlineData("/var")]
        [InlineData("/")]
        public void DH106_a_directory_that_holds_the_socket_fails_critical(string source)
        {
            var o = Run<NoDockerSocketMount>(new ContainerFacts { Mounts = new[] { Bind(source, "/hostrun") } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Critical, o.Severity);
            Assert.Contains("-> /hostrun", o.Evidence);
        }

        [Fact]
        public void DH106_the_directory_of_the_engine_endpoint_socket_fails()
        {
            var engine = Engine() with { Endpoint = "unix:///srv/engine/api.sock" };
            Assert.Equal(FindingStatus.Fail, Run<NoDockerSocketMount>(new ContainerFacts { Mounts = new[] { Bind("/srv/engine") } }, engine).Status);
            Assert.Equal(FindingStatus.Fail, Run<NoDockerSocketMount>(new ContainerFacts { Mounts = new[] { Bind("/srv/engine/api.sock") } }, engine).Status);
            Assert.Equal(FindingStatus.Pass, Run<NoDockerSocketMount>(new ContainerFacts { Mounts = new[] { Bind("/srv/other") } }, engine).Status);
        }

        [Theory]
        [InlineData("/srv/data")]
        [InlineData("/run/user/1000")]
        [InlineData("/var/lib/app")]
        [InlineData("/runner")]
        public void DH106_no_socket_passes(string source)
        {
            Assert.Equal(FindingStatus.Pass, Run<NoDockerSocketMount>(new ContainerFacts { Mounts = new[] { Bind(source) } }).Status);
        }

        [Fact]
        public void A_socket_directory_is_refused_as_DH106_where_mounts_are_planned()
        {
            Assert.Equal(("DH106", Severity.Critical), DockerHarden.Rules.SensitiveMounts.Classify("/var/run"));
            Assert.Equal(("DH106", Severity.Critical), DockerHarden.Rules.SensitiveMounts.Classify("/run"));
        }

        [Theory]
        [InlineData("", FindingStatus.Fail)]
        [InlineData("rwm", FindingStatus.Fail)]
        [InlineData("mr", FindingStatus.Fail)]
        [InlineData("rw", FindingStatus.Warn)]
        [InlineData("r", FindingStatus.Pass)]
        public void DH107_device_permissions(string perms, FindingStatus expected)
        {
            var o = Run<DevicesLeastPermission>(new ContainerFacts
            {
                Devices = new[] { new DeviceFact { PathOnHost = "/dev/snd", PathInContainer = "/dev/snd", CgroupPermissions = perms } },
            });
            Assert.Equal(expected, o.Status);
            Assert.Contains("/dev/snd", o.Evidence);
        }

        [Fact]
        public void DH107_empty_permissions_say_default_rwm()
        {
            var o = Run<DevicesLeastPermission>(new ContainerFacts
            {
                Devices = new[] { new DeviceFact { PathOnHost = "/dev/fuse", PathInContainer = "/dev/fuse" } },
            });
            Assert.Contains("rwm (default)", o.Evidence);
        }

        [Theory]
        [InlineData("c 13:* rmw", FindingStatus.Fail)]
        [InlineData("a *:* r", FindingStatus.Fail)]
        [InlineData("c 1:3 rwm", FindingStatus.Fail)]
        [InlineData("c 1:3 rw", FindingStatus.Warn)]
        [InlineData("c 1:3 r", FindingStatus.Pass)]
        public void DH107_device_cgroup_rules(string rule, FindingStatus expected)
        {
            Assert.Equal(expected, Run<DevicesLeastPermission>(new ContainerFacts { DeviceCgroupRules = new[] { rule } }).Status);
        }

        [Fact]
        public void DH107_no_devices_passes()
        {
            Assert.Equal(FindingStatus.Pass, Run<DevicesLeastPermission>(new ContainerFacts()).Status);
        }

        [Theory]
        [InlineData("shared")]
        [InlineData("rshared")]
        public void DH127_shared_propagation_fails(string propagation)
        {
            var o = Run<NoSharedMountPropagation>(new ContainerFacts { Mounts = new[] { Bind("/srv", "/srv", propagation: propagation) } });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains(propagation, o.Evidence);
        }

        [Theory]
        [InlineData("rprivate")]
        [InlineData("")]
        [InlineData("rslave")]
        public void DH127_private_propagation_passes(string propagation)
        {
            Assert.Equal(FindingStatus.Pass,
                Run<NoSharedMountPropagation>(new ContainerFacts { Mounts = new[] { Bind("/srv", "/srv", propagation: propagation) } }).Status);
        }
    }
}
