using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    public class ComposeResolverTests
    {
        [Fact]
        public void MergeKeysLocalFirstThenFirstAnchor()
        {
            var p = ComposeGiven.Project("a: &a {user: a, pid: host}\nb: &b {user: b, ipc: host}\nservices:\n  s:\n    <<: [*b, *a]\n    pid: private\n");
            var s = p.Services[0].Value;
            Assert.Equal("b", s["user"]!.Raw);
            Assert.Equal("&b", s["user"]!.Via);
            Assert.Equal("private", s["pid"]!.Raw);
            Assert.True(s["pid"]!.Local);
        }

        [Fact]
        public void ExtendsMergesMappingsAndAppendsLists()
        {
            var p = ComposeGiven.Project("services:\n  base:\n    image: a\n    cap_add: [X]\n    environment: {A: '1'}\n  child:\n    extends: {service: base}\n    cap_add: [Y]\n    environment: {B: '2'}\n");
            var child = p.Services.Single(s => s.Name == "child");
            Assert.Equal(new[] { "X", "Y" }, child.Value["cap_add"]!.Items.Select(i => i.Raw));
            Assert.Equal(new[] { "A", "B" }, child.Value["environment"]!.Entries.Select(e => e.Key));
            Assert.Contains("base", child.DependsOn);
            Assert.Equal("extends base", child.Value["image"]!.Via);
        }

        [Fact]
        public void OverrideFilesReplaceScalarsAndAddServices()
        {
            var p = ComposeGiven.Project("services:\n  web:\n    image: a:1\n    mem_limit: 64m\n", "services:\n  web:\n    mem_limit: 1g\n  db:\n    image: b:1\n");
            Assert.Equal(new[] { "web", "db" }, p.Services.Select(s => s.Name));
            Assert.Equal("1g", p.Services[0].Value["mem_limit"]!.Raw);
            Assert.Equal("a:1", p.Services[0].Value["image"]!.Raw);
        }

        [Theory]
        [InlineData("${MEM:-512m}", "512m", true)]
        [InlineData("${MEM-512m}", "512m", true)]
        [InlineData("${MEM}", "${MEM}", false)]
        [InlineData("$MEM", "$MEM", false)]
        [InlineData("${MEM:?needed}", "${MEM:?needed}", false)]
        [InlineData("cost $$5", "cost $5", true)]
        public void InterpolationUsesDefaultsOnly(string raw, string value, bool known)
        {
            var i = Interpolation.Apply(raw);
            Assert.Equal(value, i.Value);
            Assert.Equal(known, i.Known);
        }

        [Theory]
        [InlineData("8080:80", "", "8080", "80/tcp")]
        [InlineData("127.0.0.1:8080:80/udp", "127.0.0.1", "8080", "80/udp")]
        [InlineData("[::1]:8080:80", "::1", "8080", "80/tcp")]
        [InlineData("80", "", "", "80/tcp")]
        [InlineData("9000-9001:9000-9001", "", "9000-9001", "9000-9001/tcp")]
        public void ShortPortSyntax(string spec, string ip, string host, string container)
        {
            var p = ComposeFactsBuilder.ShortPort(spec);
            Assert.Equal((ip, host, container), (p.HostIp, p.HostPort, p.ContainerPort));
        }

        [Fact]
        public void FactsFollowComposeSemantics()
        {
            var audit = ComposeGiven.Audit(
                "services:\n  s:\n    image: a:1\n    mem_limit: 64m\n    security_opt: ['seccomp=unconfined', 'no-new-privileges:true']\n" +
                "    volumes: ['/etc:/e:ro', {type: bind, source: /var/run/docker.sock, target: /s}]\n    network_mode: 'service:db'\n  db:\n    image: b:1\n")[0];
            var c = audit.Facts.Container;
            Assert.Equal(64L * 1024 * 1024 * 2, c.MemorySwap);
            Assert.Equal("container:db", c.NetworkMode);
            Assert.False(c.Mounts[0].ReadWrite);
            Assert.Equal(FindingStatus.Warn, audit.Finding("DH117")!.Status);
            Assert.Equal(FindingStatus.Fail, audit.Finding("DH123")!.Status);
            Assert.Equal(FindingStatus.Pass, audit.Finding("DH122")!.Status);
            Assert.Equal(FindingStatus.Fail, audit.Finding("DH106")!.Status);
            Assert.Equal(5, audit.Finding("DH123")!.Line);
        }

        [Fact]
        public void FindingsOfMergedFilesNameTheFileThatHoldsTheDecidingKey()
        {
            var project = ComposeGiven.Project("services:\n  web:\n    image: busybox:1\n", "services:\n  web:\n    privileged: true\n    user: root\n");
            var audit = ComposeAuditor.Audit(project, RuleCatalog.ContainerRules)[0];
            Assert.Equal(("/srv/demo/override1.yml", 3, 5), (audit.Finding("DH104")!.File, audit.Finding("DH104")!.Line, audit.Finding("DH104")!.Column));
            Assert.Equal(("/srv/demo/override1.yml", 4), (audit.Finding("DH101")!.File, audit.Finding("DH101")!.Line));
            Assert.Equal((ComposeGiven.Path, 3), (audit.Finding("DH131")!.File, audit.Finding("DH131")!.Line));
            // An absent key points at the service where it is declared first.
            Assert.Equal((ComposeGiven.Path, 2), (audit.Finding("DH119")!.File, audit.Finding("DH119")!.Line));
        }

        [Fact]
        public void UnknownVariablesAreWarnNotPass()
        {
            var audit = ComposeGiven.Audit("services:\n  s:\n    image: a:1\n    privileged: ${PRIV}\n")[0];
            var f = audit.Finding("DH104")!;
            Assert.Equal(FindingStatus.Warn, f.Status);
            Assert.Contains("${PRIV}", f.Evidence);
        }
    }
}
