using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>Every short-syntax port form compose accepts, and the ones it rejects, read by the one parser.</summary>
    public class PortSyntaxTests
    {
        [Theory]
        [InlineData("3000", "", "", "3000", "tcp")]
        [InlineData("3000-3005", "", "", "3000-3005", "tcp")]
        [InlineData("8000:8000", "", "8000", "8000", "tcp")]
        [InlineData("9090-9091:8080-8081", "", "9090-9091", "8080-8081", "tcp")]
        [InlineData("49100:22", "", "49100", "22", "tcp")]
        [InlineData("127.0.0.1:8001:8001", "127.0.0.1", "8001", "8001", "tcp")]
        [InlineData("127.0.0.1:5000-5010:5000-5010", "127.0.0.1", "5000-5010", "5000-5010", "tcp")]
        [InlineData("127.0.0.1::5000", "127.0.0.1", "", "5000", "tcp")]
        [InlineData("6060:6060/udp", "", "6060", "6060", "udp")]
        [InlineData("53:53/UDP", "", "53", "53", "udp")]
        [InlineData("8080:80/sctp", "", "8080", "80", "sctp")]
        [InlineData("[::1]:6001:6001", "::1", "6001", "6001", "tcp")]
        [InlineData("::1:6001:6001", "::1", "6001", "6001", "tcp")]
        [InlineData("[::]:80:80", "::", "80", "80", "tcp")]
        [InlineData("[fe80::1]:53:53/udp", "fe80::1", "53", "53", "udp")]
        [InlineData("0.0.0.0:80:80", "0.0.0.0", "80", "80", "tcp")]
        [InlineData(" 8080:80 ", "", "8080", "80", "tcp")]
        public void ReadsEveryAcceptedForm(string spec, string ip, string host, string container, string protocol)
        {
            var p = PortSyntax.Parse(spec);
            Assert.Equal((ip, host, container, protocol), (p.HostIp, p.HostPort, p.ContainerPort, p.Protocol));
            Assert.True(p.Valid, p.Problem);
        }

        [Theory]
        [InlineData("127.0.0.1:3001", "127.0.0.1", "3001")]
        [InlineData("[::1]:3001", "::1", "3001")]
        public void AnAddressAndAContainerPortIsReadAsSuchButRejected(string spec, string ip, string container)
        {
            var p = PortSyntax.Parse(spec);
            Assert.Equal((ip, "", container), (p.HostIp, p.HostPort, p.ContainerPort));
            Assert.False(p.Valid);
            Assert.Contains("::" + container, p.Problem, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("8080:80/icmp")]
        [InlineData("70000:80")]
        [InlineData("8000-8005:80")]
        [InlineData("8000-8001:80-82")]
        [InlineData("::80")]
        [InlineData("web:80")]
        public void FormsComposeRejectsCarryAProblem(string spec) => Assert.False(PortSyntax.Parse(spec).Valid);

        [Theory]
        [InlineData("8080:80", "127.0.0.1", "127.0.0.1:8080:80")]
        [InlineData("80", "127.0.0.1", "127.0.0.1::80")]
        [InlineData("3000-3005", "127.0.0.1", "127.0.0.1::3000-3005")]
        [InlineData("0.0.0.0:53:53/udp", "127.0.0.1", "127.0.0.1:53:53/udp")]
        [InlineData("[::]:8000-8005:8000-8005", "127.0.0.1", "127.0.0.1:8000-8005:8000-8005")]
        [InlineData("8080:80", "::1", "[::1]:8080:80")]
        public void BindsToAnAddressKeepingPortsAndProtocol(string spec, string address, string expected) =>
            Assert.Equal(expected, PortSyntax.BindTo(PortSyntax.Parse(spec), address));

        [Fact]
        public void TheDH126FixNeverDoublesAnAddress()
        {
            var plan = ComposeGiven.Repair("services:\n  p:\n    image: a:1\n    ports: [\"127.0.0.1:3001\", \"53:53/udp\"]\n",
                RepairOptions.Naming("DH126"));
            Assert.DoesNotContain("127.0.0.1:127.0.0.1", plan.NewText, System.StringComparison.Ordinal);
            Assert.Contains(plan.Skipped, s => s.RuleId == "DH126" && s.Reason.Contains("127.0.0.1::3001", System.StringComparison.Ordinal));
        }

        [Fact]
        public void TheDH126FixBindsUdpAndRanges()
        {
            var plan = ComposeGiven.Repair("services:\n  p:\n    image: a:1\n    ports:\n      - \"53:53/udp\"\n      - \"8000-8005:8000-8005\"\n      - \"9000\"\n",
                RepairOptions.Naming("DH126"));
            Assert.Contains("- \"127.0.0.1:53:53/udp\"\n      - \"127.0.0.1:8000-8005:8000-8005\"\n      - \"127.0.0.1::9000\"\n", plan.NewText, System.StringComparison.Ordinal);
        }
    }
}
