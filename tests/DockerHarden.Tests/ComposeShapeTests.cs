using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>Version-1 files, merge keys at every level, and keys whose shape compose rejects.</summary>
    public class ComposeShapeTests
    {
        private static readonly RepairOptions Everything = new() { Named = RuleCatalog.ContainerRules.Select(r => r.Info.Id).ToList() };

        private static FindingStatus? Status(string yaml, string service, string rule) =>
            ComposeGiven.Audit(yaml).Single(a => a.Name == service).Finding(rule)?.Status;

        [Fact]
        public void ReadsAVersionOneFileAsItsServices()
        {
            var yaml = "x-common: &c\n  image: a:1\nweb:\n  <<: *c\n  privileged: true\n  net: host\n  log_driver: syslog\n";
            var audits = ComposeGiven.Audit(yaml);
            Assert.Equal(new[] { "x-common", "web" }, audits.Select(a => a.Name));
            var web = audits[1];
            Assert.Equal(FindingStatus.Fail, web.Finding("DH104")!.Status);
            Assert.Equal(5, web.Finding("DH104")!.Line);
            Assert.Equal(FindingStatus.Fail, web.Finding("DH108")!.Status);
            Assert.Equal(6, web.Finding("DH108")!.Line);
            Assert.Equal("syslog", web.Facts.Container.LogDriver);
            // Without net:, docker-compose 1.x puts a version-1 service on the default bridge.
            Assert.Equal("bridge", audits[0].Facts.Container.NetworkMode);
        }

        [Fact]
        public void RepairsAVersionOneFileWithVersionOneKeysOnly()
        {
            var yaml = "web:\n  image: a:1\n  privileged: true\n  cap_add:\n    - SYS_ADMIN\n";
            var plan = ComposeGiven.Repair(yaml);
            Assert.DoesNotContain("privileged", plan.NewText, StringComparison.Ordinal);
            Assert.Contains("mem_limit: 256m", plan.NewText, StringComparison.Ordinal);
            Assert.Contains("no-new-privileges:true", plan.NewText, StringComparison.Ordinal);
            foreach (var key in new[] { "cpus", "pids_limit", "tmpfs", "read_only", "services:" })
            {
                Assert.DoesNotContain(key, plan.NewText, StringComparison.Ordinal);
            }

            foreach (var rule in new[] { "DH118", "DH119", "DH121" })
            {
                Assert.Contains(plan.Skipped, s => s.RuleId == rule && s.Reason.Contains("version-1", StringComparison.Ordinal));
            }

            Assert.Empty(ComposeGiven.Repair(plan.NewText).Changes);
        }

        [Fact]
        public void RefusesToMergeAVersionOneFileWithALaterOne()
        {
            var e = Assert.Throws<ComposeParseException>(() => ComposeGiven.Project("web:\n  image: a\n", "services:\n  web:\n    image: b\n"));
            Assert.Contains("version mismatch", e.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void ResolvesAMergeKeyInTheServicesMapping()
        {
            var yaml = "x-s: &s\n  web:\n    image: a:1\n    privileged: true\nservices:\n  <<: *s\n  db:\n    image: b:1\n";
            var audits = ComposeGiven.Audit(yaml);
            Assert.Equal(new[] { "db", "web" }, audits.Select(a => a.Name));
            Assert.Equal(FindingStatus.Fail, audits[1].Finding("DH104")!.Status);
            Assert.Contains("&s", audits[1].Finding("DH104")!.Evidence, StringComparison.Ordinal);
            var plan = ComposeGiven.Repair(yaml);
            Assert.StartsWith("x-s: &s\n  web:\n    image: a:1\n    privileged: true\n", plan.NewText, StringComparison.Ordinal);
            Assert.Contains(plan.Skipped, s => s.Service == "web" && s.RuleId == "DH104" && s.Reason.Contains("merge key", StringComparison.Ordinal));
            Assert.DoesNotContain(plan.Changes, c => c.Service == "web");
        }

        [Fact]
        public void ResolvesAMergeKeyAtTheTopLevel()
        {
            var yaml = "x-top: &t\n  services:\n    web:\n      image: a:1\n      privileged: true\n<<: *t\n";
            var web = Assert.Single(ComposeGiven.Audit(yaml));
            Assert.Equal("web", web.Name);
            Assert.Equal(FindingStatus.Fail, web.Finding("DH104")!.Status);
            Assert.Equal(yaml, ComposeGiven.Repair(yaml).NewText);
        }

        [Fact]
        public void MergesAsPyYamlDoes()
        {
            var anchors = "x-a: &a {image: a, user: \"1:1\"}\nx-b: &b {image: b, privileged: true}\nservices:\n";
            // In a list the earlier mapping wins; of two << keys the later wins; an explicit key beats both.
            var list = ComposeGiven.Audit(anchors + "  s:\n    <<: [*a, *b]\n").Single();
            Assert.Equal("a", list.Facts.Container.Image);
            Assert.True(list.Facts.Container.Privileged);
            var twice = ComposeGiven.Audit(anchors + "  s:\n    <<: *a\n    <<: *b\n").Single();
            Assert.Equal("b", twice.Facts.Container.Image);
            Assert.Equal("1:1", twice.Facts.Container.User);
            var own = ComposeGiven.Audit(anchors + "  s:\n    <<: [*a, *b]\n    image: c\n").Single();
            Assert.Equal("c", own.Facts.Container.Image);
        }

        [Fact]
        public void ResolvesMergeKeysInNestedMappings()
        {
            var yaml = "x-l: &l {memory: 64m}\nx-h: &h {test: [CMD, \"true\"]}\nx-g: &g {driver: syslog}\nservices:\n  web:\n    image: a:1\n" +
                "    deploy:\n      resources:\n        limits:\n          <<: *l\n    healthcheck:\n      <<: *h\n    logging:\n      <<: *g\n";
            var web = ComposeGiven.Audit(yaml).Single();
            Assert.Equal(64L * 1024 * 1024, web.Facts.Container.Memory);
            Assert.Equal(new[] { "CMD", "true" }, web.Facts.Container.HealthcheckTest);
            Assert.Equal("syslog", web.Facts.Container.LogDriver);
        }

        [Fact]
        public void OverridesAMergedLimitInsideTheServiceNotTheAnchor()
        {
            var yaml = "x-l: &l {cpus: \"0.5\", memory: \"0\"}\nservices:\n  web:\n    image: a:1\n    deploy:\n      resources:\n        limits:\n          <<: *l\n";
            var plan = ComposeGiven.Repair(yaml, RepairOptions.Naming("DH116"));
            Assert.StartsWith("x-l: &l {cpus: \"0.5\", memory: \"0\"}\n", plan.NewText, StringComparison.Ordinal);
            Assert.Contains("          <<: *l\n          memory: 256m\n", plan.NewText, StringComparison.Ordinal);
        }

        [Fact]
        public void SkipsASecurityOptMappingWithFileAndLine()
        {
            var yaml = "services:\n  web:\n    image: a:1\n    security_opt:\n      seccomp: unconfined\n";
            var audit = ComposeGiven.Audit(yaml).Single();
            Assert.Equal(FindingStatus.Warn, audit.Finding("DH123")!.Status);
            Assert.Contains("shape not understood", audit.Finding("DH123")!.Evidence, StringComparison.Ordinal);
            var plan = ComposeGiven.Repair(yaml);
            var skip = Assert.Single(plan.Skipped, s => s.RuleId == "DH122");
            Assert.Contains("security_opt is a mapping", skip.Reason, StringComparison.Ordinal);
            Assert.Contains(ComposeGiven.Path + ":4:5", skip.Reason, StringComparison.Ordinal);
            Assert.Contains("    security_opt:\n      seccomp: unconfined\n", plan.NewText, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("tmpfs:\n      /tmp: size=1m", "DH119", "tmpfs is a mapping")]
        [InlineData("cap_add: {SYS_ADMIN: true}", "DH103", "cap_add is a mapping")]
        [InlineData("cap_drop: ALL", "DH102", "cap_drop is a single value")]
        [InlineData("privileged: [true]", "DH104", "privileged is a list")]
        [InlineData("pids_limit: {max: 5}", "DH121", "pids_limit is a mapping")]
        [InlineData("deploy: [x]", "DH116", "deploy is a list")]
        [InlineData("mem_limit: [1g]", "DH116", "mem_limit is a list")]
        [InlineData("cap_add: [{x: y}]", "DH103", "a list of strings")]
        public void NeverRewritesAKeyOfAnUnexpectedShape(string entry, string rule, string what)
        {
            var yaml = $"services:\n  web:\n    image: a:1\n    {entry}\n";
            var plan = ComposeGiven.Repair(yaml);
            Assert.Contains(plan.Skipped, s => s.RuleId == rule && s.Reason.Contains(what, StringComparison.Ordinal) &&
                s.Reason.Contains("shape not understood", StringComparison.Ordinal) && s.Line == 4);
            Assert.Contains("    " + entry + "\n", plan.NewText, StringComparison.Ordinal);
            Assert.DoesNotContain("\"\"", plan.NewText, StringComparison.Ordinal);
        }

        [Fact]
        public void NeverCrashesOnShapeMutationsOfTheCorpus()
        {
            var shapes = new[] { "{a: b}", "[x, {a: b}]", "[[x]]", "x", "", "[]", "{}", "*nope", "{<<: [x]}", "\"[\"" };
            int mutants = 0;
            var crashes = new List<string>();
            foreach (var file in Directory.GetFiles(CorpusDir(), "*.yml"))
            {
                var text = File.ReadAllText(file).TrimStart('\uFEFF');
                ComposeDocument doc;
                try
                {
                    doc = ComposeGiven.Parse(text);
                }
                catch (ComposeParseException)
                {
                    continue;
                }

                foreach (var (value, keyColumn) in Values(doc.Root!))
                {
                    // Block shapes need the indentation of the key they hang under.
                    var indent = "\n" + new string(' ', keyColumn + 1);
                    var block = keyColumn < 0 ? Array.Empty<string>() : new[] { indent + "a: b" + indent + "c: [d]", indent + "- x" + indent + "- a: b", indent + "<<: {x: y}" };
                    foreach (var shape in shapes.Concat(block))
                    {
                        var mutant = text.Substring(0, value.ContentStart) + shape + text.Substring(value.End);
                        mutants++;
                        try
                        {
                            ComposeGiven.Audit(mutant);
                            ComposeGiven.Repair(mutant, Everything);
                        }
                        catch (Exception e) when (e is ComposeParseException or ComposeRepairException)
                        {
                        }
                        catch (Exception e)
                        {
                            crashes.Add($"{Path.GetFileName(file)}:{value.Line}:{value.Column} <- '{shape}': {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                        }
                    }
                }
            }

            Assert.True(mutants > 2000, $"only {mutants} mutants");
            Assert.True(crashes.Count == 0, $"{crashes.Count} of {mutants} mutants crash:\n" + string.Join("\n", crashes.Take(5)));
        }

        // Every mapping value (with its key's column, -1 in a flow mapping) and sequence item (-1), aliases included.
        private static IEnumerable<(YamlNode Node, int KeyColumn)> Values(YamlNode root)
        {
            var stack = new Stack<YamlNode>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                foreach (var child in n.Pairs.Select(p => (p.Value, n.Flow ? -1 : p.Key.Column)).Concat(n.Items.Select(i => (i, -1))))
                {
                    yield return child;
                    stack.Push(child.Item1);
                }
            }
        }

        private static string CorpusDir()
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !Directory.Exists(Path.Combine(dir.FullName, "tests", "compose", "cases")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir!.FullName, "tests", "compose", "cases");
        }
    }
}
