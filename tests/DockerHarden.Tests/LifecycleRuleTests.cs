using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules.Container;
using Xunit;
using static DockerHarden.Tests.Given;

namespace DockerHarden.Tests
{
    public class LifecycleRuleTests
    {
        [Fact]
        public void DH128_healthcheck()
        {
            var none = Run<HealthcheckDefined>(new ContainerFacts());
            Assert.Equal(FindingStatus.Fail, none.Status);
            Assert.Equal(Severity.Low, none.Severity);
            Assert.Equal(FindingStatus.Fail, Run<HealthcheckDefined>(new ContainerFacts { HealthcheckTest = new[] { "NONE" } }).Status);
            Assert.Equal(FindingStatus.Pass,
                Run<HealthcheckDefined>(new ContainerFacts { HealthcheckTest = new[] { "CMD", "curl", "-f", "http://localhost/" } }).Status);
        }

        [Theory]
        [InlineData("always", 0, FindingStatus.Fail)]
        [InlineData("unless-stopped", 0, FindingStatus.Fail)]
        [InlineData("on-failure", 0, FindingStatus.Fail)]
        [InlineData("on-failure", 6, FindingStatus.Fail)]
        [InlineData("on-failure", 5, FindingStatus.Pass)]
        [InlineData("no", 0, FindingStatus.Pass)]
        [InlineData("", 0, FindingStatus.Pass)]
        public void DH129_restart_policy(string policy, long retries, FindingStatus expected)
        {
            Assert.Equal(expected, Run<RestartPolicyBounded>(new ContainerFacts { RestartPolicy = policy, RestartMaxRetries = retries }).Status);
        }

        [Fact]
        public void DH130_credential_names_with_values_fail_and_are_named()
        {
            var o = Run<NoSecretsInEnvironment>(new ContainerFacts
            {
                Environment = new[]
                {
                    Env("POSTGRES_PASSWORD"), Env("github_token"), Env("AWS_SECRET_ACCESS_KEY"), Env("MY_APIKEY"),
                    Env("PATH"), Env("EMPTY_PASSWORD", hasValue: false), Env("DB_PASSWORD_FILE"),
                },
            });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("POSTGRES_PASSWORD", o.Evidence);
            Assert.Contains("github_token", o.Evidence);
            Assert.Contains("AWS_SECRET_ACCESS_KEY", o.Evidence);
            Assert.Contains("MY_APIKEY", o.Evidence);
            Assert.DoesNotContain("PATH", o.Evidence);
            Assert.DoesNotContain("EMPTY_PASSWORD", o.Evidence);
            Assert.DoesNotContain("DB_PASSWORD_FILE", o.Evidence);
        }

        [Fact]
        public void DH130_harmless_environment_passes()
        {
            var o = Run<NoSecretsInEnvironment>(new ContainerFacts
            {
                Environment = new[] { Env("PATH"), Env("POSTGRES_PASSWORD_FILE"), Env("API_KEY", hasValue: false) },
            });
            Assert.Equal(FindingStatus.Pass, o.Status);
        }

        [Theory]
        [InlineData("nginx")]
        [InlineData("nginx:latest")]
        [InlineData("localhost:5000/app")]
        [InlineData("registry.example.com:443/team/app:latest")]
        public void DH131_unpinned_images_fail_info(string image)
        {
            var o = Run<ImagePinned>(new ContainerFacts { Image = image });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Info, o.Severity);
        }

        [Theory]
        [InlineData("nginx:1.27")]
        [InlineData("localhost:5000/app:1.0")]
        [InlineData("nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        [InlineData("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
        public void DH131_pinned_images_pass(string image)
        {
            Assert.Equal(FindingStatus.Pass, Run<ImagePinned>(new ContainerFacts { Image = image }).Status);
        }
    }
}
