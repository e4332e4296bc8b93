using System;
using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Daemon;
using Xunit;
using static DockerHarden.Tests.GivenDaemon;

namespace DockerHarden.Tests
{
    public class DaemonRuleTests
    {
        private static readonly string[] Rootless = { "name=seccomp,profile=default", "name=rootless" };

        [Fact]
        public void DH001_more_than_one_member_fails_without_allowed_users_and_names_them()
        {
            var facts = State(host: Host(group: new GroupFacts("docker", true, new[] { "alice", "bob" }, "/etc/group")));
            var o = Run<DockerGroupExclusive>(facts);
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("alice, bob", o.Evidence);
            Assert.Equal(FindingStatus.Pass, Run<DockerGroupExclusive>(facts, "alice", "bob").Status);
        }

        [Fact]
        public void DH001_names_only_the_members_not_allowed_and_matches_exactly()
        {
            var facts = State(host: Host(group: new GroupFacts("docker", true, new[] { "alice", "alice2" }, "/etc/group")));
            var o = Run<DockerGroupExclusive>(facts, "alice", "Alice2");
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal("gpasswd -d alice2 docker", o.Remediation);
        }

        [Fact]
        public void DH001_single_member_or_no_group_passes_remote_and_rootless_are_not_applicable()
        {
            Assert.Equal(FindingStatus.Pass, Run<DockerGroupExclusive>(State(host: Host(group: new GroupFacts("docker", true, new[] { "ci" }, "x")))).Status);
            Assert.Equal(FindingStatus.Pass, Run<DockerGroupExclusive>(State(host: Host(group: new GroupFacts("docker", false, Array.Empty<string>(), "x")))).Status);
            var remote = Run<DockerGroupExclusive>(State(remote: true));
            Assert.Equal(FindingStatus.NotApplicable, remote.Status);
            Assert.Contains("remote", remote.Evidence);
            Assert.Equal(FindingStatus.NotApplicable, Run<DockerGroupExclusive>(State(engine: Engine(securityOptions: Rootless))).Status);
        }

        [Fact]
        public void DH002_tcp_without_tlsverify_fails_with_tlsverify_passes()
        {
            var plain = Run<DaemonNotExposedWithoutTls>(State(config: Config(("hosts", "unix:///run/docker.sock|tcp://0.0.0.0:2375"))));
            Assert.Equal(FindingStatus.Fail, plain.Status);
            Assert.Contains("tcp://0.0.0.0:2375", plain.Evidence);
            var tlsOnly = Run<DaemonNotExposedWithoutTls>(State(config: Config(("hosts", "tcp://0.0.0.0:2376"), ("tls", "true"))));
            Assert.Equal(FindingStatus.Fail, tlsOnly.Status);
            Assert.Contains("without \"tlsverify\"", tlsOnly.Evidence);
            Assert.Equal(FindingStatus.Pass, Run<DaemonNotExposedWithoutTls>(State(config: Config(("hosts", "tcp://0.0.0.0:2376"), ("tlsverify", "true")))).Status);
            Assert.Equal(FindingStatus.Pass, Run<DaemonNotExposedWithoutTls>(State()).Status);
            // dockerd reads a host without a scheme as TCP.
            Assert.Equal(FindingStatus.Fail, Run<DaemonNotExposedWithoutTls>(State(config: Config(("hosts", "0.0.0.0:2375")))).Status);
        }

        [Fact]
        public void DH002_a_plain_tcp_connection_fails_even_without_the_config()
        {
            var facts = State(engine: Engine(endpoint: "tcp://10.0.0.5:2375"), config: DaemonConfigFacts.Unavailable("remote"), remote: true);
            Assert.Equal(FindingStatus.Fail, Run<DaemonNotExposedWithoutTls>(facts).Status);
            var tls = State(engine: Engine(endpoint: "tcp://10.0.0.5:2376", usesTls: true), config: DaemonConfigFacts.Unavailable("remote"), remote: true);
            Assert.Equal(FindingStatus.NotApplicable, Run<DaemonNotExposedWithoutTls>(tls).Status);
        }

        [Theory]
        [InlineData(0b110_110_000, "docker", 0, FindingStatus.Pass)]
        [InlineData(0b110_000_000, "root", 0, FindingStatus.Pass)]
        [InlineData(0b110_000_110, "docker", 0, FindingStatus.Fail)] // 0606: smaller than 660 as a number
        [InlineData(0b110_110_110, "docker", 0, FindingStatus.Fail)]
        [InlineData(0b110_110_000, "staff", 0, FindingStatus.Fail)]
        [InlineData(0b110_110_000, "docker", 1000, FindingStatus.Fail)]
        public void DH003_compares_mode_bits_and_owner(int mode, string group, int uid, FindingStatus expected)
        {
            var socket = Stat("/run/docker.sock", uid, group == "root" ? 0 : 998, uid == 0 ? "root" : "alice", group, mode);
            Assert.Equal(expected, Run<DockerSocketPermissions>(State(host: Host(socket: socket))).Status);
        }

        [Fact]
        public void DH003_rootless_socket_belongs_to_the_daemon_user()
        {
            var socket = Stat("/run/user/1000/docker.sock", 1000, 1000, "alice", "alice", 0b110_110_000);
            var facts = State(engine: Engine(securityOptions: Rootless), host: Host(socket: socket, daemonUid: 1000));
            Assert.Equal(FindingStatus.Pass, Run<DockerSocketPermissions>(facts).Status);
        }

        [Fact]
        public void DH004_and_DH005_read_the_default_bridge()
        {
            Assert.Equal(FindingStatus.Fail, Run<DefaultBridgeDisabled>(State()).Status);
            Assert.Equal(FindingStatus.Pass, Run<DefaultBridgeDisabled>(State(engine: Engine(noBridge: true))).Status);
            Assert.Equal(FindingStatus.Fail, Run<InterContainerTrafficRestricted>(State()).Status);
            Assert.Equal(FindingStatus.Pass, Run<InterContainerTrafficRestricted>(State(engine: Engine(bridge: Bridge("false")))).Status);
            Assert.Equal(FindingStatus.NotApplicable, Run<InterContainerTrafficRestricted>(State(engine: Engine(noBridge: true))).Status);
            var noIptables = Run<InterContainerTrafficRestricted>(State(engine: Engine(bridge: Bridge("false")), config: Config(("iptables", "false"))));
            Assert.Equal(FindingStatus.Fail, noIptables.Status);
            Assert.Contains("iptables", noIptables.Evidence);
        }

        [Fact]
        public void DH006_userns_or_rootless_passes()
        {
            Assert.Equal(FindingStatus.Fail, Run<UserNamespaceRemap>(State()).Status);
            Assert.Equal(FindingStatus.Pass, Run<UserNamespaceRemap>(State(engine: Engine(securityOptions: new[] { "name=seccomp,profile=default", "name=userns" }))).Status);
            Assert.Equal(FindingStatus.Pass, Run<UserNamespaceRemap>(State(engine: Engine(securityOptions: Rootless))).Status);
        }

        private static DaemonFacts WithProfile(string profile, string? text) => State(
            engine: Engine(securityOptions: new[] { $"name=seccomp,profile={profile}" }),
            config: Config() with { SeccompProfileText = text, SeccompProfileError = text is null ? "permission denied" : "" });

        private const string DefaultLike = @"{""defaultAction"":""SCMP_ACT_ERRNO"",""syscalls"":[
            {""names"":[""read"",""write"",""clone""],""action"":""SCMP_ACT_ALLOW"",""args"":[{""index"":0,""value"":2114060288,""valueTwo"":0,""op"":""SCMP_CMP_MASKED_EQ""}]},
            {""names"":[""unshare"",""setns"",""clone3""],""action"":""SCMP_ACT_ALLOW"",""includes"":{""caps"":[""CAP_SYS_ADMIN""]}}]}";

        [Fact]
        public void DH007_builtin_passes_unconfined_or_open_custom_profiles_fail()
        {
            Assert.Equal(FindingStatus.Pass, Run<SeccompBlocksNewUserNamespaces>(State()).Status);
            Assert.Equal(FindingStatus.Fail, Run<SeccompBlocksNewUserNamespaces>(WithProfile("unconfined", null)).Status);
            Assert.Equal(FindingStatus.Fail, Run<SeccompBlocksNewUserNamespaces>(State(engine: Engine(securityOptions: Array.Empty<string>()))).Status);
            Assert.Equal(FindingStatus.Pass, Run<SeccompBlocksNewUserNamespaces>(WithProfile("/etc/docker/seccomp.json", DefaultLike)).Status);

            var open = @"{""defaultAction"":""SCMP_ACT_ERRNO"",""syscalls"":[{""names"":[""read"",""unshare"",""clone""],""action"":""SCMP_ACT_ALLOW""}]}";
            var o = Run<SeccompBlocksNewUserNamespaces>(WithProfile("/etc/docker/seccomp.json", open));
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("unshare, clone", o.Evidence);

            var allowAll = @"{""defaultAction"":""SCMP_ACT_ALLOW""}";
            Assert.Equal(FindingStatus.Fail, Run<SeccompBlocksNewUserNamespaces>(WithProfile("/p.json", allowAll)).Status);
            var denyNs = @"{""defaultAction"":""SCMP_ACT_ALLOW"",""syscalls"":[{""names"":[""unshare"",""clone"",""clone3"",""setns""],""action"":""SCMP_ACT_ERRNO""}]}";
            Assert.Equal(FindingStatus.Pass, Run<SeccompBlocksNewUserNamespaces>(WithProfile("/p.json", denyNs)).Status);
            Assert.Equal(FindingStatus.NotApplicable, Run<SeccompBlocksNewUserNamespaces>(WithProfile("/p.json", null)).Status);
        }

        [Fact]
        public void DH008_judges_the_debian_knob_or_warns_with_what_the_kernel_has()
        {
            var zero = new Dictionary<string, string> { ["kernel.unprivileged_userns_clone"] = "0" };
            var one = new Dictionary<string, string> { ["kernel.unprivileged_userns_clone"] = "1" };
            var upstream = new Dictionary<string, string> { ["user.max_user_namespaces"] = "63000", ["kernel.apparmor_restrict_unprivileged_userns"] = "1" };
            Assert.Equal(FindingStatus.Pass, Run<UnprivilegedUsernsCloneDisabled>(State(host: Host(sysctls: zero))).Status);
            Assert.Equal(FindingStatus.Fail, Run<UnprivilegedUsernsCloneDisabled>(State(host: Host(sysctls: one))).Status);
            var o = Run<UnprivilegedUsernsCloneDisabled>(State(host: Host(sysctls: upstream)));
            Assert.Equal(FindingStatus.Warn, o.Status);
            Assert.Contains("user.max_user_namespaces=63000", o.Evidence);
            Assert.Contains("kernel.apparmor_restrict_unprivileged_userns=1", o.Evidence);
            Assert.Equal(FindingStatus.NotApplicable, Run<UnprivilegedUsernsCloneDisabled>(State(remote: true)).Status);
        }

        [Fact]
        public void DH009_cgroup_parent_fails_and_unknown_config_is_not_applicable()
        {
            Assert.Equal(FindingStatus.Pass, Run<NoDefaultCgroupParent>(State()).Status);
            Assert.Equal(FindingStatus.Fail, Run<NoDefaultCgroupParent>(State(config: Config(("cgroup-parent", "/docker-all")))).Status);
            var o = Run<NoDefaultCgroupParent>(State(config: DaemonConfigFacts.Unavailable("daemon.json is malformed at line 3, column 12 (see DH021)")));
            Assert.Equal(FindingStatus.NotApplicable, o.Status);
            Assert.Contains("DH021", o.Evidence);
        }

        [Fact]
        public void DH010_own_filesystem_passes_self_bind_and_plain_directory_fail()
        {
            var root = new HostMount("/", "254:0", "ext4", "/dev/vda");
            var own = new[] { root, new HostMount("/var/lib/docker", "254:16", "xfs", "/dev/vdb") };
            var selfBind = new[] { root, new HostMount("/var/lib/docker", "254:0", "ext4", "/dev/vda") };
            Assert.Equal(FindingStatus.Pass, Run<DockerRootOnSeparatePartition>(State(host: Host(mounts: own))).Status);
            Assert.Equal(FindingStatus.Fail, Run<DockerRootOnSeparatePartition>(State(host: Host(mounts: selfBind))).Status);
            Assert.Equal(FindingStatus.Fail, Run<DockerRootOnSeparatePartition>(State(host: Host(mounts: new[] { root }))).Status);
            // userns-remap reports <data-root>/<uid>.<gid>; the partition is judged on the data root.
            var remapped = State(engine: Engine(dockerRootDir: "/var/lib/docker/100000.100000"), host: Host(mounts: own));
            Assert.Equal(FindingStatus.Pass, Run<DockerRootOnSeparatePartition>(remapped).Status);
        }

        [Theory]
        [InlineData("json-file", null, FindingStatus.Fail)]
        [InlineData("local", null, FindingStatus.Fail)]
        [InlineData("none", null, FindingStatus.Fail)]
        [InlineData("journald", null, FindingStatus.Warn)]
        [InlineData("syslog", null, FindingStatus.Warn)]
        [InlineData("syslog", "unix:///dev/log", FindingStatus.Warn)]
        [InlineData("syslog", "tcp+tls://loghost:6514", FindingStatus.Pass)]
        [InlineData("gelf", null, FindingStatus.Pass)]
        public void DH011_central_log_driver(string driver, string? address, FindingStatus expected)
        {
            var config = address is null ? Config() : Config(("log-opts", $"syslog-address={address}"));
            Assert.Equal(expected, Run<CentralLogDriver>(State(engine: Engine(loggingDriver: driver), config: config)).Status);
        }

        [Fact]
        public void DH012_default_passes_unconfined_absent_or_allow_all_fail()
        {
            Assert.Equal(FindingStatus.Pass, Run<DefaultSeccompEnabled>(State()).Status);
            Assert.Equal(FindingStatus.Fail, Run<DefaultSeccompEnabled>(WithProfile("unconfined", null)).Status);
            Assert.Equal(FindingStatus.Fail, Run<DefaultSeccompEnabled>(State(engine: Engine(securityOptions: new[] { "name=apparmor" }))).Status);
            Assert.Equal(FindingStatus.Fail, Run<DefaultSeccompEnabled>(WithProfile("/p.json", @"{""defaultAction"":""SCMP_ACT_ALLOW"",""syscalls"":[]}")).Status);
            Assert.Equal(FindingStatus.Pass, Run<DefaultSeccompEnabled>(WithProfile("/p.json", DefaultLike)).Status);
            Assert.Equal(FindingStatus.Fail, Run<DefaultSeccompEnabled>(WithProfile("/p.json", "[1, 2")).Status);
        }

        [Fact]
        public void DH013_apparmor_profile_mode()
        {
            AppArmorFacts With(params (string, string)[] profiles)
            {
                var map = new Dictionary<string, string>();
                foreach (var (n, m) in profiles) { map[n] = m; }
                return new AppArmorFacts(true, map, "/sys/kernel/security/apparmor/profiles");
            }

            Assert.Equal(FindingStatus.NotApplicable, Run<AppArmorEnforced>(State()).Status);
            Assert.Equal(FindingStatus.Pass, Run<AppArmorEnforced>(State(host: Host(appArmor: With(("docker-default", "enforce"))))).Status);
            Assert.Equal(FindingStatus.Fail, Run<AppArmorEnforced>(State(host: Host(appArmor: With(("docker-default", "complain"))))).Status);
            Assert.Equal(FindingStatus.Fail, Run<AppArmorEnforced>(State(host: Host(appArmor: With(("other", "enforce"))))).Status);
        }

        [Fact]
        public void DH014_DH016_read_the_settings()
        {
            Assert.Equal(FindingStatus.Fail, Run<NoNewPrivilegesDefault>(State()).Status);
            Assert.Equal(FindingStatus.Pass, Run<NoNewPrivilegesDefault>(State(config: Config(("no-new-privileges", "true")))).Status);
            Assert.Equal(FindingStatus.Fail, Run<UserlandProxyDisabled>(State()).Status);
            Assert.Equal(FindingStatus.Fail, Run<UserlandProxyDisabled>(State(config: Config(("userland-proxy", "true")))).Status);
            Assert.Equal(FindingStatus.Pass, Run<UserlandProxyDisabled>(State(config: Config(("userland-proxy", "false")))).Status);
        }

        [Fact]
        public void DH015_DH018_DH020_read_the_engine()
        {
            Assert.Equal(FindingStatus.Fail, Run<LiveRestoreEnabled>(State()).Status);
            Assert.Equal(FindingStatus.Pass, Run<LiveRestoreEnabled>(State(engine: Engine(liveRestore: true))).Status);
            Assert.Equal(FindingStatus.Fail, Run<AuthorizationPlugin>(State()).Status);
            Assert.Equal(FindingStatus.Pass, Run<AuthorizationPlugin>(State(engine: Engine(authz: new[] { "opa-docker-authz" }))).Status);
            Assert.Equal(FindingStatus.Pass, Run<ExperimentalDisabled>(State()).Status);
            Assert.Equal(FindingStatus.Fail, Run<ExperimentalDisabled>(State(engine: Engine(experimental: true))).Status);
        }

        [Fact]
        public void DH017_loopback_is_allowed_anything_else_fails()
        {
            Assert.Equal(FindingStatus.Pass, Run<NoInsecureRegistries>(State(engine: Engine(insecureNames: new[] { "localhost:5000", "127.0.0.1:5000" }))).Status);
            var o = Run<NoInsecureRegistries>(State(engine: Engine(insecureCidrs: new[] { "127.0.0.0/8", "10.0.0.0/8" }, insecureNames: new[] { "registry.lan:5000" })));
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("10.0.0.0/8, registry.lan:5000", o.Evidence);
        }

        [Fact]
        public void DH019_bits_and_owners_of_daemon_files()
        {
            const int file644 = 0b110_100_100;
            var good = new[] { (Stat("/etc/docker/daemon.json", 0, 0, "root", "root", file644), DaemonFileKind.Config) };
            var worldWritable = new[] { (Stat("/etc/docker/daemon.json", 0, 0, "root", "root", 0b110_100_110), DaemonFileKind.Config) };
            var notRoot = new[] { (Stat("/etc/docker/daemon.json", 1000, 0, "alice", "root", 0b110_000_000), DaemonFileKind.Config) };
            Assert.Equal(FindingStatus.Pass, Run<DaemonFilePermissions>(State(host: Host(files: good))).Status);
            var o = Run<DaemonFilePermissions>(State(host: Host(files: worldWritable)));
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("0646", o.Evidence);
            Assert.Equal(FindingStatus.Fail, Run<DaemonFilePermissions>(State(host: Host(files: notRoot))).Status);
            Assert.Equal(FindingStatus.NotApplicable, Run<DaemonFilePermissions>(State()).Status);
        }

        [Fact]
        public void DH021_malformed_config_fails_with_file_line_and_column()
        {
            var bad = new DaemonConfigFacts { Path = "/etc/docker/daemon.json", Errors = new[] { new ConfigError("/etc/docker/daemon.json", 3, 12, "'\"' is invalid after a property name") }, UnavailableReason = "malformed" };
            var o = Run<DaemonConfigValid>(State(config: bad));
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.StartsWith("/etc/docker/daemon.json:3:12:", o.Evidence);
            Assert.Equal(FindingStatus.Pass, Run<DaemonConfigValid>(State()).Status);
        }

        [Fact]
        public void DH021_warns_when_dockerd_loads_the_file_otherwise_than_it_says()
        {
            var warned = new DaemonConfigFacts
            {
                Path = "/etc/docker/daemon.json", Exists = true, Settings = DaemonSettings.Empty,
                Warnings = new[] { new ConfigError("/etc/docker/daemon.json", 2, 3, "dockerd accepts \"insecure-registry\" and then ignores it") },
            };
            var o = Run<DaemonConfigValid>(State(config: warned));
            Assert.Equal(FindingStatus.Warn, o.Status);
            Assert.StartsWith("/etc/docker/daemon.json:2:3:", o.Evidence);
        }
    }
}
