using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Container;
using Xunit;
using static DockerHarden.Tests.Given;

namespace DockerHarden.Tests
{
    public class SecurityOptionRuleTests
    {
        [Theory]
        [InlineData("no-new-privileges")]
        [InlineData("no-new-privileges:true")]
        [InlineData("no-new-privileges=true")]
        public void DH122_explicit_nnp_passes(string opt)
        {
            Assert.Equal(FindingStatus.Pass, Run<NoNewPrivileges>(new ContainerFacts { SecurityOpt = new[] { opt } }).Status);
        }

        [Fact]
        public void DH122_inherited_from_daemon_passes_and_names_the_source()
        {
            var o = Run<NoNewPrivileges>(new ContainerFacts(), Engine(noNewPrivilegesByDefault: true, noNewPrivilegesSource: "/etc/docker/daemon.json"));
            Assert.Equal(FindingStatus.Pass, o.Status);
            Assert.Contains("/etc/docker/daemon.json", o.Evidence);
        }

        [Fact]
        public void DH122_explicit_false_fails_even_when_daemon_defaults_on()
        {
            var o = Run<NoNewPrivileges>(new ContainerFacts { SecurityOpt = new[] { "no-new-privileges:false" } },
                Engine(noNewPrivilegesByDefault: true));
            Assert.Equal(FindingStatus.Fail, o.Status);
        }

        [Fact]
        public void DH122_unset_fails_and_says_when_the_default_is_unknown()
        {
            Assert.Equal(FindingStatus.Fail, Run<NoNewPrivileges>(new ContainerFacts(), Engine(noNewPrivilegesByDefault: false)).Status);
            var o = Run<NoNewPrivileges>(new ContainerFacts(), Engine(noNewPrivilegesByDefault: null));
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("could not be read", o.Evidence);
        }

        [Theory]
        [InlineData("seccomp=unconfined")]
        [InlineData("seccomp:unconfined")]
        public void DH123_unconfined_fails(string opt)
        {
            Assert.Equal(FindingStatus.Fail, Run<SeccompConfined>(new ContainerFacts { SecurityOpt = new[] { opt } }).Status);
        }

        [Theory]
        [InlineData("label=disable", FindingStatus.Fail)]
        [InlineData("label:disable", FindingStatus.Fail)]
        [InlineData("LABEL=DISABLE", FindingStatus.Fail)]
        [InlineData("label=level:s0:c100,c200", FindingStatus.Pass)]
        [InlineData("seccomp=unconfined", FindingStatus.Pass)]
        public void DH132_label_disable_fails_other_label_options_pass(string opt, FindingStatus expected)
        {
            Assert.Equal(expected, Run<SELinuxLabelNotDisabled>(new ContainerFacts { SecurityOpt = new[] { opt } }).Status);
        }

        [Fact]
        public void DH123_privileged_fails_default_passes_and_no_seccomp_is_not_applicable()
        {
            Assert.Equal(FindingStatus.Fail, Run<SeccompConfined>(new ContainerFacts { Privileged = true }).Status);
            Assert.Equal(FindingStatus.Pass, Run<SeccompConfined>(new ContainerFacts()).Status);
            var o = Run<SeccompConfined>(new ContainerFacts(), Engine(securityOptions: new[] { "name=apparmor" }));
            Assert.Equal(FindingStatus.NotApplicable, o.Status);
            Assert.Contains("no seccomp support", o.Evidence);
        }

        [Fact]
        public void DH124_not_applicable_without_apparmor()
        {
            var o = Run<AppArmorConfined>(new ContainerFacts(), Engine(securityOptions: new[] { "name=seccomp,profile=builtin", "name=selinux" }));
            Assert.Equal(FindingStatus.NotApplicable, o.Status);
            Assert.Contains("AppArmor is not enabled", o.Evidence);
        }

        [Theory]
        [InlineData("", "")]
        [InlineData("unconfined", "")]
        [InlineData("docker-default", "apparmor=unconfined")]
        [InlineData("docker-default", "apparmor:unconfined")]
        public void DH124_unconfined_fails(string profile, string opt)
        {
            var c = new ContainerFacts
            {
                State = "running",
                AppArmorProfile = profile,
                SecurityOpt = opt.Length == 0 ? new string[0] : new[] { opt },
            };
            Assert.Equal(FindingStatus.Fail, Run<AppArmorConfined>(c).Status);
        }

        [Fact]
        public void DH124_profile_passes()
        {
            var o = Run<AppArmorConfined>(new ContainerFacts { State = "running", AppArmorProfile = "docker-default" });
            Assert.Equal(FindingStatus.Pass, o.Status);
            Assert.Contains("docker-default", o.Evidence);
        }

        [Fact]
        public void DH124_created_container_without_override_passes_but_privileged_fails()
        {
            // The engine records docker-default only when the container starts.
            Assert.Equal(FindingStatus.Pass, Run<AppArmorConfined>(new ContainerFacts { State = "created" }).Status);
            Assert.Equal(FindingStatus.Fail, Run<AppArmorConfined>(new ContainerFacts { State = "created", Privileged = true }).Status);
        }

        [Theory]
        [InlineData("none", FindingStatus.Fail)]
        [InlineData("json-file", FindingStatus.Warn)]
        [InlineData("local", FindingStatus.Warn)]
        [InlineData("syslog", FindingStatus.Pass)]
        [InlineData("journald", FindingStatus.Pass)]
        [InlineData("gelf", FindingStatus.Pass)]
        [InlineData("fluentd", FindingStatus.Pass)]
        public void DH125_log_driver(string driver, FindingStatus expected)
        {
            Assert.Equal(expected, Run<LogsExported>(new ContainerFacts { LogDriver = driver }).Status);
        }

        [Fact]
        public void DH125_empty_driver_warns()
        {
            Assert.Equal(FindingStatus.Warn, Run<LogsExported>(new ContainerFacts(), Engine(defaultLogDriver: "")).Status);
        }
    }
}
