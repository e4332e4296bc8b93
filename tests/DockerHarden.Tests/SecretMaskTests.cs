using System.Linq;
using DockerHarden.Secrets;
using Xunit;

namespace DockerHarden.Tests
{
    public class SecretMaskTests
    {
        [Theory]
        [InlineData("wget -q -O- http://admin:S3cretPw@localhost/", "wget -q -O- http://admin:***@localhost/")]
        [InlineData("redis-cli -u redis://:S3cretPw@cache:6379 ping", "redis-cli -u redis://:***@cache:6379 ping")]
        [InlineData("app --password=S3cretPw --port 80", "app --password=*** --port 80")]
        [InlineData("app --password S3cretPw --port 80", "app --password *** --port 80")]
        [InlineData("app --api-key S3cretPw", "app --api-key ***")]
        [InlineData("[\"app\", \"--api-key\", \"S3cretPw\"]", "[\"app\", \"--api-key\", \"***\"]")]
        [InlineData("mysqladmin ping -uroot -pS3cretPw", "mysqladmin ping -uroot -p***")]
        [InlineData("mysql -p S3cretPw", "mysql -p ***")]
        [InlineData("SECRET_KEY=S3cretPw ./run", "SECRET_KEY=*** ./run")]
        [InlineData("api_token: S3cretPw", "api_token: ***")]
        [InlineData("{\"splunk-token\":\"S3cretPw\",\"splunk-url\":\"https://splunk:8088\"}", "{\"splunk-token\":\"***\",\"splunk-url\":\"https://splunk:8088\"}")]
        [InlineData("curl -H 'Authorization: Bearer S3cretPw' http://x/", "curl -H 'Authorization: ***' http://x/")]
        public void Secret_values_are_masked_and_names_kept(string text, string expected) =>
            Assert.Equal(expected, SecretMask.Text(text));

        [Theory]
        [InlineData("no-new-privileges:true")]
        [InlineData("CapDrop lacks ALL (CapDrop: none)")]
        [InlineData("credential-like variables carry literal values: DB_PASSWORD, API_TOKEN")]
        [InlineData("image 'dockerharden-test/busybox:1.0' is pinned to tag '1.0'")]
        [InlineData("docker run -p 127.0.0.1:8080:80 -p 8443 img")]
        [InlineData("-p 127.0.0.1:HOST:CONTAINER")]
        [InlineData("log driver is syslog")]
        [InlineData("{\"syslog-address\":\"tcp+tls://loghost:6514\"}")]
        [InlineData("docker secret / a read-only mounted file and NAME_FILE=/run/secrets/NAME instead of -e NAME=VALUE")]
        public void What_is_not_secret_stays(string text) =>
            Assert.Equal(text, SecretMask.Text(text));

        [Theory]
        [InlineData("API_KEY")]
        [InlineData("SECRET_KEY")]
        [InlineData("AWS_SECRET_ACCESS_KEY")]
        [InlineData("STRIPE_KEY")]
        [InlineData("KEY_ID")]
        [InlineData("key")]
        [InlineData("apiKey")]
        [InlineData("APIKEY")]
        [InlineData("x-api-key")]
        [InlineData("privateKeys")]
        [InlineData("PGPASSWORD")]
        [InlineData("MYSQL_ROOT_PASSWORD")]
        [InlineData("DB_PASSWD")]
        [InlineData("DB_PASS")]
        [InlineData("MYSQL_PWD")]
        [InlineData("GITHUB_TOKEN")]
        [InlineData("authToken")]
        [InlineData("HTTP_AUTH")]
        [InlineData("Authorization")]
        [InlineData("--api-key")]
        [InlineData("com.example.auth-token")]
        [InlineData("GPG_PASSPHRASE")]
        [InlineData("x-credentials")]
        public void Credential_like_names_are_judged_word_by_word(string name) =>
            Assert.True(SecretMask.IsSecretName(name), name);

        [Theory]
        [InlineData("KEYCLOAK_URL")]
        [InlineData("MONKEY")]
        [InlineData("KEYBOARD_LAYOUT")]
        [InlineData("TURKEY_MODE")]
        [InlineData("HOCKEY_TEAM")]
        [InlineData("AUTHOR")]
        [InlineData("AUTHOR_EMAIL")]
        [InlineData("OAUTH_URL")]
        [InlineData("PWD")]
        [InlineData("PASSAGE_DIR")]
        [InlineData("BYPASS")]
        [InlineData("max-size")]
        [InlineData("com.example.team")]
        public void Names_that_merely_contain_a_credential_word_are_not_credential_like(string name) =>
            Assert.False(SecretMask.IsSecretName(name), name);

        [Theory]
        [InlineData("KEYCLOAK_URL=http://keycloak:8080/auth MONKEY=banana KEYBOARD_LAYOUT=de")]
        [InlineData("keycloak_url: http://keycloak:8080 monkey: banana")]
        [InlineData("app --keyboard us --monkey yes")]
        public void Values_under_names_that_merely_contain_key_stay(string text) =>
            Assert.Equal(text, SecretMask.Text(text));

        [Theory]
        [InlineData("foo: bar api_key: S3cretPw", "foo: bar api_key: ***")]
        [InlineData("MONKEY=banana API_KEY=S3cretPw", "MONKEY=banana API_KEY=***")]
        [InlineData("opts=a,token=S3cretPw", "opts=a,token=***")]
        [InlineData("apiKey=S3cretPw", "apiKey=***")]
        [InlineData("KEY_ID: S3cretPw", "KEY_ID: ***")]
        public void A_credential_name_after_another_name_is_still_found(string text, string expected) =>
            Assert.Equal(expected, SecretMask.Text(text));

        [Theory]
        [InlineData("CONFIG=AKIAIOSFODNN7EXAMPLE")]
        [InlineData("header eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
        [InlineData("GIT_URL_OPTS=ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
        [InlineData("SLACK_HOOK_OPTS=xoxb-1234567890-abcdefghij")]
        [InlineData("CERT=-----BEGIN RSA PRIVATE KEY-----MIIEowIBAAKCAQEA-----END RSA PRIVATE KEY-----")]
        public void Values_of_a_secret_shape_are_masked_under_any_name(string text)
        {
            var masked = SecretMask.Text(text);
            Assert.Contains(SecretMask.Mask, masked);
            foreach (var part in new[] { "AKIAIOSFODNN7EXAMPLE", "dozjgNryP4J3jVmNHl0w5N", "ghp_abcdefghij", "xoxb-1234567890", "MIIEowIBAAKCAQEA" })
            {
                Assert.DoesNotContain(part, masked);
            }
        }

        [Fact]
        public void Masking_twice_changes_nothing_more()
        {
            var once = SecretMask.Text("http://a:b@h/ --password=x -p y TOKEN=z");
            Assert.Equal(once, SecretMask.Text(once));
        }

        [Fact]
        public void An_argument_after_a_credential_flag_is_masked_whole() =>
            Assert.Equal(new[] { "app", "--password", "***", "-p", "***", "-v", "x" },
                SecretMask.Arguments(new[] { "app", "--password", "pw one", "-p", "pw2", "-v", "x" }));

        [Fact]
        public void A_command_is_masked_per_argument_and_as_a_line_in_every_view()
        {
            // "--password" "pw one": only the argv knows the value ends after "one"; "api_key:" "x": only the line shows the pair.
            var argv = new[] { "CMD", "app", "--password", "pw one", "api_key:", "x" };
            const string expected = "CMD app --password *** api_key: ***";
            Assert.Equal(expected, SecretMask.Command(argv));
            var facts = new DockerHarden.Facts.ContainerFacts { HealthcheckTest = argv };
            Assert.Equal("healthcheck: " + expected, new DockerHarden.Rules.Container.HealthcheckDefined()
                .Evaluate(new DockerHarden.Rules.ContainerContext(facts, new DockerHarden.Facts.EngineFacts(), new DockerHarden.Facts.FleetFacts())).Evidence);
            var settings = DockerHarden.Views.Create.SettingsSummary.From(
                new DockerHarden.Facts.ContainerSpec { Healthcheck = new DockerHarden.Facts.HealthcheckSpec { Test = argv } }, null,
                new DockerHarden.Facts.ImageFacts(), new DockerHarden.Facts.EngineFacts());
            Assert.Equal(expected, settings.Healthcheck);
        }

        [Theory]
        [InlineData("splunk-token", "abc", "splunk-token=***")]
        [InlineData("com.example.api-key", "abc", "com.example.api-key=***")]
        [InlineData("max-size", "10m", "max-size=10m")]
        [InlineData("com.example.team", "web", "com.example.team=web")]
        public void Pairs_mask_by_name(string name, string value, string expected) =>
            Assert.Equal(expected, SecretMask.Pair(name, value));

        [Fact]
        public void Compose_lines_lose_every_environment_value_and_values_under_credential_keys()
        {
            var lines = new[]
            {
                "x-env: &env",
                "  PLAIN: v1",
                "x-credentials:",
                "  user: bob",
                "  pw: v2",
                "services:",
                "  web:",
                "    environment:",
                "      <<: *env",
                "      - HARMLESS=v3",
                "      - PASSTHROUGH",
                "      OTHER: \"v4\"",
                "    command:",
                "      - --password",
                "      - v5",
                "    environment: [A=v6, B=v7]",
                "    labels:",
                "      com.example.team: web",
                "      com.example.auth-token: v8",
                "    cap_drop:",
                "      - ALL",
            };
            var masked = SecretMask.YamlLines(lines);
            var joined = string.Join("\n", masked);
            foreach (var secret in new[] { "v1", "v2", "v3", "v4", "v5", "v6", "v7", "v8", "bob" })
            {
                Assert.DoesNotContain(secret, joined);
            }

            Assert.Contains("      - PASSTHROUGH", masked);
            Assert.Contains("      com.example.team: web", masked);
            Assert.Contains("      - ALL", masked);
            Assert.Contains("      - HARMLESS=***", masked);
            Assert.Equal(lines.Length, masked.Count);
        }
    }
}
