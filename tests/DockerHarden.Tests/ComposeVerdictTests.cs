using System;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>Issue 17's verdicts, judged from compose text through the real reader, resolver and rules.</summary>
    public class ComposeVerdictTests
    {
        private static HardeningFinding Finding(string serviceKeys, string rule, string name = "s") =>
            ComposeGiven.Audit("services:\n  s:\n    image: a:1\n" + serviceKeys).Single(a => a.Name == name).Finding(rule)!;

        [Theory]
        [InlineData("    user: \"0:${GID}\"\n", FindingStatus.Fail)]
        [InlineData("    user: \"root:${GID}\"\n", FindingStatus.Fail)]
        [InlineData("    user: \"1000:${GID}\"\n", FindingStatus.Pass)]
        [InlineData("    user: \"${UID}:1000\"\n", FindingStatus.Warn)]
        [InlineData("    user: \"${UID:-0}\"\n", FindingStatus.Fail)]
        [InlineData("", FindingStatus.Warn)]
        public void DH101_judges_the_uid_whatever_the_group(string keys, FindingStatus status) =>
            Assert.Equal(status, Finding(keys, "DH101").Status);

        [Fact]
        public void DH101_without_user_says_the_image_decides()
        {
            var f = Finding("", "DH101");
            Assert.Contains("image 'a:1'", f.Evidence, StringComparison.Ordinal);
            Assert.DoesNotContain("runs as root", f.Evidence, StringComparison.Ordinal);
        }

        [Fact]
        public void DH101_reads_a_local_image_user_when_given_one()
        {
            var project = ComposeGiven.Project("services:\n  a:\n    image: app:1\n  r:\n    image: root:1\n  x:\n    image: gone:1\n");
            var images = new ImageUsers("unix:///test.sock", image => image switch
            {
                "app:1" => new ImageUser(true, "10001", ""),
                "root:1" => new ImageUser(true, "", ""),
                _ => new ImageUser(false, "", "not on the engine"),
            });
            var audits = ComposeAuditor.Audit(project, Rules.RuleCatalog.ContainerRules, default, images);
            Assert.Equal(FindingStatus.Pass, audits.Single(a => a.Name == "a").Finding("DH101")!.Status);
            Assert.Equal(FindingStatus.Fail, audits.Single(a => a.Name == "r").Finding("DH101")!.Status);
            var gone = audits.Single(a => a.Name == "x").Finding("DH101")!;
            Assert.Equal(FindingStatus.Warn, gone.Status);
            Assert.Contains("not on the engine", gone.Evidence, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("      DATABASE_URL: postgres://u:s3cr3t@db/x\n", FindingStatus.Fail)]
        [InlineData("      - MONGO_URL=mongodb+srv://app:pw@cluster0/x\n", FindingStatus.Fail)]
        [InlineData("      BROKER: amqp://guest:guest@rabbit:5672/\n", FindingStatus.Fail)]
        [InlineData("      REDIS_URL: redis://:pw@cache:6379\n", FindingStatus.Fail)]
        [InlineData("      DATABASE_URL: postgres://u:${DB_PASSWORD}@db/x\n", FindingStatus.Pass)]
        [InlineData("      DATABASE_URL: postgres://db/x\n", FindingStatus.Pass)]
        [InlineData("      SMTP_PASS: hunter2\n", FindingStatus.Fail)]
        [InlineData("      ADMIN_PWD: hunter2\n", FindingStatus.Fail)]
        [InlineData("      LDAP_PASSWD: hunter2\n", FindingStatus.Fail)]
        [InlineData("      PWD: /srv/app\n", FindingStatus.Pass)]
        [InlineData("      BYPASS_CACHE: abc\n", FindingStatus.Pass)]
        [InlineData("      MYSQL_ALLOW_EMPTY_PASSWORD: \"yes\"\n", FindingStatus.Pass)]
        [InlineData("      MYSQL_RANDOM_ROOT_PASSWORD: \"true\"\n", FindingStatus.Pass)]
        [InlineData("      MYSQL_PASSWORD_FILE: /run/secrets/db\n", FindingStatus.Pass)]
        [InlineData("      DB_PASSWORD: /run/secrets/db_password\n", FindingStatus.Pass)]
        [InlineData("      DB_PASSWORD: hunter2\n", FindingStatus.Fail)]
        public void DH130_reads_connection_strings_and_toggles(string entry, FindingStatus status)
        {
            var f = Finding("    environment:\n" + entry, "DH130");
            Assert.Equal(status, f.Status);
            foreach (var secret in new[] { "s3cr3t", "hunter2", "guest@", ":pw@" })
            {
                Assert.DoesNotContain(secret, f.Evidence, StringComparison.Ordinal);
            }
        }

        [Theory]
        [InlineData("nginx:stable", FindingStatus.Fail)]
        [InlineData("node:lts", FindingStatus.Fail)]
        [InlineData("alpine:edge", FindingStatus.Fail)]
        [InlineData("nginx:mainline", FindingStatus.Fail)]
        [InlineData("nginx:alpine", FindingStatus.Fail)]
        [InlineData("nginx:stable-alpine", FindingStatus.Fail)]
        [InlineData("nginx:${TAG:-latest}", FindingStatus.Fail)]
        [InlineData("nginx:${TAG:-1.27.0}", FindingStatus.Pass)]
        [InlineData("nginx:1.27-alpine", FindingStatus.Pass)]
        [InlineData("postgres:16", FindingStatus.Pass)]
        [InlineData("registry:5000/app", FindingStatus.Fail)]
        public void DH131_floating_tags_are_not_pins(string image, FindingStatus status) =>
            Assert.Equal(status, ComposeGiven.Audit($"services:\n  s:\n    image: \"{image}\"\n")[0].Finding("DH131")!.Status);

        [Theory]
        [InlineData("    privileged: \"maybe\"\n", "DH104", "privileged is not a boolean")]
        [InlineData("    mem_limit: lots\n", "DH116", "mem_limit is not a byte size")]
        [InlineData("    cpus: many\n", "DH118", "cpus is not a number of CPUs")]
        [InlineData("    pids_limit: some\n", "DH121", "pids_limit is not a whole number")]
        [InlineData("    read_only: perhaps\n", "DH119", "read_only is not a boolean")]
        [InlineData("    ports: 8080\n", "DH126", "ports is a single value")]
        [InlineData("    ports: [\"127.0.0.1:3001\"]\n", "DH126", "127.0.0.1::3001")]
        public void Type_invalid_values_are_findings_with_their_line(string keys, string rule, string evidence)
        {
            var f = Finding(keys, rule);
            Assert.Equal(FindingStatus.Warn, f.Status);
            Assert.Contains(evidence, f.Evidence, StringComparison.Ordinal);
            Assert.Equal(4, f.Line);
        }

        [Fact]
        public void A_type_invalid_value_is_not_rewritten()
        {
            var yaml = "services:\n  s:\n    image: a:1\n    mem_limit: lots\n";
            var plan = ComposeGiven.Repair(yaml);
            Assert.Contains("    mem_limit: lots\n", plan.NewText, StringComparison.Ordinal);
            Assert.Contains(plan.Skipped, s => s.RuleId == "DH116" && s.Line == 4);
        }

        [Fact]
        public void A_complex_service_key_is_named_as_written()
        {
            var e = Assert.Throws<ComposeParseException>(() => ComposeGiven.Project("services:\n  web:\n    image: x\n  ? [a, b]\n  : {image: y}\n"));
            Assert.Equal((4, 5), (e.Line, e.Column));
            Assert.Contains("'[a, b]'", e.Reason, StringComparison.Ordinal);
        }
    }
}
