using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Container;
using Xunit;
using static DockerHarden.Tests.Given;

namespace DockerHarden.Tests
{
    public class NamespaceAndNetworkRuleTests
    {
        [Fact]
        public void DH108_host_network_fails_critical()
        {
            var o = Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "host" });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Critical, o.Severity);
            Assert.Equal(FindingStatus.Pass, Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "appnet" }).Status);
        }

        [Theory]
        [InlineData("default")]
        [InlineData("bridge")]
        public void DH109_default_bridge_fails(string mode)
        {
            Assert.Equal(FindingStatus.Fail, Run<NotOnDefaultBridge>(new ContainerFacts { NetworkMode = mode }).Status);
            Assert.Equal(FindingStatus.Fail,
                Run<NotOnDefaultBridge>(new ContainerFacts { NetworkMode = mode, Networks = new[] { "bridge" } }).Status);
        }

        [Fact]
        public void DH109_attached_bridge_fails_even_with_a_user_network_mode()
        {
            var o = Run<NotOnDefaultBridge>(new ContainerFacts { NetworkMode = "appnet", Networks = new[] { "appnet", "bridge" } });
            Assert.Equal(FindingStatus.Fail, o.Status);
        }

        [Fact]
        public void DH109_default_mode_disconnected_from_bridge_passes()
        {
            var o = Run<NotOnDefaultBridge>(new ContainerFacts { NetworkMode = "default", Networks = new[] { "appnet" } });
            Assert.Equal(FindingStatus.Pass, o.Status);
            Assert.Contains("appnet", o.Evidence);
        }

        [Fact]
        public void DH109_passes_for_user_network_none_and_container_mode()
        {
            Assert.Equal(FindingStatus.Pass,
                Run<NotOnDefaultBridge>(new ContainerFacts { NetworkMode = "appnet", Networks = new[] { "appnet" } }).Status);
            Assert.Equal(FindingStatus.Pass, Run<NotOnDefaultBridge>(new ContainerFacts { NetworkMode = "none" }).Status);
            var o = Run<NotOnDefaultBridge>(new ContainerFacts { NetworkMode = "container:abc123" });
            Assert.Equal(FindingStatus.Pass, o.Status);
            Assert.Contains("container:abc123", o.Evidence);
        }

        private static ContainerFacts Web(params string[] networks) => new()
        {
            Name = "web",
            Id = "id-web",
            NetworkMode = "frontnet",
            Networks = networks,
            PortBindings = new[] { Port("127.0.0.1", "8080") },
        };

        [Fact]
        public void DH110_warns_when_a_published_container_shares_a_network_with_several()
        {
            var o = Run<DedicatedNetworkPerConnection>(Web("frontnet"), fleet: Fleet(("frontnet", new[] { "web", "api", "db" })));
            Assert.Equal(FindingStatus.Warn, o.Status);
            Assert.Contains("frontnet", o.Evidence);
            Assert.Contains("2 other members", o.Evidence);
            Assert.Contains("api", o.Evidence);
            Assert.Contains("db", o.Evidence);
        }

        [Fact]
        public void DH110_counts_a_port_published_on_an_engine_chosen_host_port()
        {
            var web = new ContainerFacts { Name = "web", Networks = new[] { "frontnet" }, PortBindings = new[] { Port("", "") } };
            var o = Run<DedicatedNetworkPerConnection>(web, fleet: Fleet(("frontnet", new[] { "web", "api", "db" })));
            Assert.Equal(FindingStatus.Warn, o.Status);
        }

        [Fact]
        public void DH110_passes_with_one_peer_per_network()
        {
            var o = Run<DedicatedNetworkPerConnection>(Web("frontnet", "bridge"),
                fleet: Fleet(("frontnet", new[] { "/web", "api" }), ("backnet", new[] { "api", "db", "cache" })));
            Assert.Equal(FindingStatus.Pass, o.Status);
            Assert.Contains("1 other member", o.Evidence);
        }

        [Fact]
        public void DH110_passes_without_published_ports()
        {
            var c = new ContainerFacts { Name = "db", Networks = new[] { "backnet" } };
            var o = Run<DedicatedNetworkPerConnection>(c, fleet: Fleet(("backnet", new[] { "db", "api", "worker", "cache" })));
            Assert.Equal(FindingStatus.Pass, o.Status);
            Assert.Contains("publishes no host port", o.Evidence);
        }

        [Theory]
        [InlineData("host", Severity.Critical)]
        [InlineData("container:abc", Severity.High)]
        public void DH111_shared_pid_fails(string mode, Severity severity)
        {
            var o = Run<NoSharedPidNamespace>(new ContainerFacts { PidMode = mode });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(severity, o.Severity);
        }

        [Fact]
        public void DH111_private_pid_passes()
        {
            Assert.Equal(FindingStatus.Pass, Run<NoSharedPidNamespace>(new ContainerFacts { PidMode = "" }).Status);
        }

        [Theory]
        [InlineData("host", Severity.Critical)]
        [InlineData("container:abc", Severity.High)]
        public void DH112_shared_ipc_fails(string mode, Severity severity)
        {
            var o = Run<NoSharedIpcNamespace>(new ContainerFacts { IpcMode = mode });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(severity, o.Severity);
        }

        [Theory]
        [InlineData("private")]
        [InlineData("shareable")]
        [InlineData("none")]
        [InlineData("")]
        public void DH112_private_ipc_passes(string mode)
        {
            Assert.Equal(FindingStatus.Pass, Run<NoSharedIpcNamespace>(new ContainerFacts { IpcMode = mode }).Status);
        }

        [Fact]
        public void DH113_host_uts_fails()
        {
            Assert.Equal(FindingStatus.Fail, Run<NoSharedUtsNamespace>(new ContainerFacts { UtsMode = "host" }).Status);
            Assert.Equal(FindingStatus.Pass, Run<NoSharedUtsNamespace>(new ContainerFacts()).Status);
        }

        [Fact]
        public void DH114_host_userns_warns_without_remap_and_fails_with_it()
        {
            var c = new ContainerFacts { UsernsMode = "host" };
            Assert.Equal(FindingStatus.Warn, Run<NoHostUserNamespace>(c).Status);
            var remapped = Engine(securityOptions: new[] { "name=seccomp,profile=builtin", "name=userns" });
            Assert.Equal(FindingStatus.Fail, Run<NoHostUserNamespace>(c, remapped).Status);
            Assert.Equal(FindingStatus.Pass, Run<NoHostUserNamespace>(new ContainerFacts(), remapped).Status);
        }

        [Fact]
        public void DH115_cgroup_parent_fails()
        {
            var o = Run<NoCgroupParent>(new ContainerFacts { CgroupParent = "/custom" });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("/custom", o.Evidence);
            Assert.Equal(FindingStatus.Pass, Run<NoCgroupParent>(new ContainerFacts()).Status);
        }

        [Fact]
        public void DH126_all_interfaces_warn_and_a_low_port_alone_is_not_its_concern()
        {
            var o = Run<PortsBoundToInterface>(new ContainerFacts
            {
                PortBindings = new[] { Port("0.0.0.0", "8080"), Port("127.0.0.1", "443", "443/tcp") },
            });
            Assert.Equal(FindingStatus.Warn, o.Status);
            Assert.Contains("all interfaces", o.Evidence);
            Assert.Contains("0.0.0.0:8080", o.Evidence);
            Assert.DoesNotContain("443", o.Evidence);
            Assert.Equal(FindingStatus.Pass, Run<PortsBoundToInterface>(new ContainerFacts { PortBindings = new[] { Port("127.0.0.1", "80") } }).Status);
        }

        [Theory]
        [InlineData("127.0.0.1", "80", FindingStatus.Warn)]
        [InlineData("", "443", FindingStatus.Warn)]
        [InlineData("127.0.0.1", "1023", FindingStatus.Warn)]
        [InlineData("127.0.0.1", "80-90", FindingStatus.Warn)]
        [InlineData("0.0.0.0", "1024", FindingStatus.Pass)]
        [InlineData("127.0.0.1", "", FindingStatus.Pass)]
        public void DH133_privileged_host_ports_warn(string ip, string port, FindingStatus expected)
        {
            var o = Run<NoPrivilegedHostPort>(new ContainerFacts { PortBindings = new[] { Port(ip, port) } });
            Assert.Equal(expected, o.Status);
            if (expected == FindingStatus.Warn)
            {
                Assert.Contains("below 1024", o.Evidence);
            }
        }

        [Fact]
        public void DH133_is_cis_5_8_and_DH126_cis_5_14_only()
        {
            Assert.Equal("5.8", new NoPrivilegedHostPort().Info.CisId);
            Assert.Equal(Severity.Low, new NoPrivilegedHostPort().Info.Severity);
            Assert.Equal("5.14", new PortsBoundToInterface().Info.CisId);
            Assert.Equal(FindingStatus.Pass, Run<NoPrivilegedHostPort>(new ContainerFacts()).Status);
        }

        private static FleetFacts Known(params ContainerFacts[] containers) => new() { Known = containers };

        [Fact]
        public void DH108_joining_a_host_network_container_fails_critical()
        {
            var fleet = Known(new ContainerFacts { Id = "aaa111", Name = "hostnet", NetworkMode = "host" });
            var o = Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "container:aaa111" }, fleet: fleet);
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Critical, o.Severity);
            Assert.Contains("joins hostnet", o.Evidence);
            // By name and by id prefix too.
            Assert.Equal(FindingStatus.Fail, Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "container:hostnet" }, fleet: fleet).Status);
            Assert.Equal(FindingStatus.Fail, Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "container:aaa" }, fleet: fleet).Status);
        }

        [Fact]
        public void DH108_follows_a_chain_and_stops_at_a_loop_or_an_unknown_container()
        {
            var fleet = Known(
                new ContainerFacts { Id = "a", Name = "a", NetworkMode = "container:b" },
                new ContainerFacts { Id = "b", Name = "b", NetworkMode = "host" },
                new ContainerFacts { Id = "x", Name = "x", NetworkMode = "container:y" },
                new ContainerFacts { Id = "y", Name = "y", NetworkMode = "container:x" },
                new ContainerFacts { Id = "z", Name = "z", NetworkMode = "appnet" });
            var chain = Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "container:a" }, fleet: fleet);
            Assert.Equal(FindingStatus.Fail, chain.Status);
            Assert.Contains("a -> b", chain.Evidence);
            var loop = Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "container:x" }, fleet: fleet);
            Assert.Equal(FindingStatus.Pass, loop.Status);
            Assert.Contains("loop", loop.Evidence);
            Assert.Equal(FindingStatus.Pass, Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "container:z" }, fleet: fleet).Status);
            Assert.Contains("not found", Run<NoHostNetwork>(new ContainerFacts { NetworkMode = "container:gone" }, fleet: fleet).Evidence);
        }

        [Fact]
        public void DH111_and_DH112_joining_a_host_namespace_container_are_critical()
        {
            var fleet = Known(
                new ContainerFacts { Id = "p", Name = "pidhost", PidMode = "host", IpcMode = "host" },
                new ContainerFacts { Id = "q", Name = "private", PidMode = "", IpcMode = "shareable" });
            var pid = Run<NoSharedPidNamespace>(new ContainerFacts { PidMode = "container:pidhost" }, fleet: fleet);
            Assert.Equal(Severity.Critical, pid.Severity);
            Assert.Contains("pidhost", pid.Evidence);
            Assert.Equal(Severity.Critical, Run<NoSharedIpcNamespace>(new ContainerFacts { IpcMode = "container:p" }, fleet: fleet).Severity);
            Assert.Equal(Severity.High, Run<NoSharedPidNamespace>(new ContainerFacts { PidMode = "container:private" }, fleet: fleet).Severity);
            Assert.Equal(Severity.High, Run<NoSharedIpcNamespace>(new ContainerFacts { IpcMode = "container:q" }, fleet: fleet).Severity);
        }

        [Theory]
        [InlineData("")]
        [InlineData("::")]
        public void DH126_empty_or_ipv6_any_warns(string ip)
        {
            Assert.Equal(FindingStatus.Warn, Run<PortsBoundToInterface>(new ContainerFacts { PortBindings = new[] { Port(ip, "8080") } }).Status);
        }

        [Fact]
        public void DH126_specific_interface_and_no_ports_pass()
        {
            Assert.Equal(FindingStatus.Pass,
                Run<PortsBoundToInterface>(new ContainerFacts { PortBindings = new[] { Port("127.0.0.1", "8080") } }).Status);
            Assert.Equal(FindingStatus.Pass, Run<PortsBoundToInterface>(new ContainerFacts()).Status);
        }
    }
}
