using System.Linq;
using DockerHarden.Models;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>service: and container: namespace joins inside one compose file, and DH133 in the compose view.</summary>
    public class ComposeJoinTests
    {
        private static HardeningFinding Finding(string yaml, string service, string rule) =>
            ComposeGiven.Audit(yaml).Single(a => a.Name == service).Findings.Single(f => f.RuleId == rule);

        private const string Joins = @"services:
  hostnet:
    image: busybox:1.36
    network_mode: host
    pid: host
  app:
    image: busybox:1.36
    network_mode: service:hostnet
    pid: service:hostnet
  named:
    image: busybox:1.36
    container_name: legacy
    network_mode: host
  bycontainer:
    image: busybox:1.36
    network_mode: container:legacy
  bridged:
    image: busybox:1.36
  sidecar:
    image: busybox:1.36
    network_mode: service:bridged
    pid: service:bridged
";

        [Fact]
        public void Joining_a_host_network_service_fails_DH108_critical()
        {
            var f = Finding(Joins, "app", "DH108");
            Assert.Equal(FindingStatus.Fail, f.Status);
            Assert.Equal(Severity.Critical, f.Severity);
            Assert.Contains("joins hostnet", f.Evidence);
            Assert.Equal(8, f.Line);
        }

        [Fact]
        public void Joining_a_host_pid_service_is_critical_and_a_private_one_high()
        {
            Assert.Equal(Severity.Critical, Finding(Joins, "app", "DH111").Severity);
            Assert.Equal(Severity.High, Finding(Joins, "sidecar", "DH111").Severity);
        }

        [Fact]
        public void A_container_join_finds_the_service_by_its_container_name()
        {
            Assert.Equal(FindingStatus.Fail, Finding(Joins, "bycontainer", "DH108").Status);
            Assert.Equal(FindingStatus.Pass, Finding(Joins, "sidecar", "DH108").Status);
        }

        [Fact]
        public void DH133_warns_on_a_privileged_host_port_and_DH126_on_all_interfaces()
        {
            const string yaml = @"services:
  low:
    image: busybox:1.36
    ports:
      - ""127.0.0.1:80:80""
      - ""8080:8080""
";
            Assert.Equal(FindingStatus.Warn, Finding(yaml, "low", "DH133").Status);
            Assert.Equal(4, Finding(yaml, "low", "DH133").Line); // the ports: key
            var dh126 = Finding(yaml, "low", "DH126");
            Assert.Equal(FindingStatus.Warn, dh126.Status);
            Assert.DoesNotContain(":80->", dh126.Evidence);
        }
    }
}
