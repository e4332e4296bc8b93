using System;
using System.Linq;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    public class ComposeRepairTests
    {
        [Fact]
        public void EditsOnlyTheLinesThatChange()
        {
            var yaml = "# keep\nservices:\n  web:   # web\n    image: a:1\n    privileged: true # no\n\n  db:\n    image: b:1\n";
            var plan = ComposeGiven.Repair(yaml, RepairOptions.Naming("DH104"));
            // The removed line's comment stays, on a line of its own at the key's indent.
            Assert.Equal("# keep\nservices:\n  web:   # web\n    image: a:1\n    # no\n\n  db:\n    image: b:1\n", plan.NewText);
            var change = Assert.Single(plan.Changes);
            Assert.Equal(("web", "DH104", 5), (change.Service, change.RuleId, change.Line));
        }

        [Fact]
        public void OverridesAnAnchorInsteadOfEditingIt()
        {
            var yaml = "x: &x\n  image: a:1\n  cap_add: [SYS_ADMIN, KILL]\nservices:\n  one:\n    <<: *x\n  two:\n    <<: *x\n";
            var plan = ComposeGiven.Repair(yaml, RepairOptions.Naming("DH102", "DH103"));
            Assert.StartsWith("x: &x\n  image: a:1\n  cap_add: [SYS_ADMIN, KILL]\n", plan.NewText, StringComparison.Ordinal);
            Assert.Equal(2, plan.NewText.Split("cap_add:\n      - KILL").Length - 1);
        }

        [Fact]
        public void RemovesLabelDisableOnlyWhenDH132IsNamed()
        {
            var yaml = "services:\n  web:\n    image: a:1\n    security_opt:\n      - label:disable\n      - seccomp=unconfined\n";
            var byDefault = ComposeGiven.Repair(yaml);
            Assert.Contains("label:disable", byDefault.NewText, StringComparison.Ordinal);
            Assert.DoesNotContain("seccomp=unconfined", byDefault.NewText, StringComparison.Ordinal);
            Assert.Contains(byDefault.Skipped, s => s.RuleId == "DH132" && s.Reason.Contains("-Rule DH132", StringComparison.Ordinal));
            var named = ComposeGiven.Repair(yaml, RepairOptions.Naming("DH132"));
            Assert.DoesNotContain("label:disable", named.NewText, StringComparison.Ordinal);
            Assert.Contains(named.Changes, c => c.RuleId == "DH132" && c.Line == 4);
        }

        [Fact]
        public void IsIdempotent()
        {
            var yaml = "services:\n  web:\n    image: a:1\n    pid: host\n    cap_add:\n      - SYS_ADMIN\n";
            var first = ComposeGiven.Repair(yaml);
            Assert.NotEmpty(first.Changes);
            var second = ComposeGiven.Repair(first.NewText);
            Assert.Empty(second.Changes);
            Assert.Equal(first.NewText, second.NewText);
        }

        [Fact]
        public void LeavesVariablesAlone()
        {
            var yaml = "services:\n  web:\n    image: a:1\n    memswap_limit: ${SWAP}\n    mem_limit: 64m\n";
            var plan = ComposeGiven.Repair(yaml, RepairOptions.Naming("DH117"));
            Assert.Equal(yaml, plan.NewText);
            Assert.Contains(plan.Skipped, s => s.RuleId == "DH117" && s.Reason.Contains("${SWAP}", StringComparison.Ordinal));
        }

        [Fact]
        public void SkipsAnAliasOnlyService()
        {
            var plan = ComposeGiven.Repair("x: &x {image: a:1}\nservices:\n  s: *x\n", RepairOptions.Naming("DH102"));
            Assert.Empty(plan.Changes);
            Assert.Contains(plan.Skipped, s => s.Service == "s" && s.Reason.Contains("alias", StringComparison.Ordinal));
        }

        [Fact]
        public void EditLogMapsLaterPassesBackToTheOriginal()
        {
            var original = "0123456789";
            var log = new EditLog();
            log.Add(new[] { new TextEdit(2, 0, "ab"), new TextEdit(5, 2, "") });   // insert "ab", drop "56"
            var current = EditLog.Apply(original, log.Edits);
            Assert.Equal("01ab234789", current);
            log.Add(new[] { new TextEdit(9, 1, "X") });                              // the '9' in current
            Assert.Equal("01ab23478X", EditLog.Apply(original, log.Edits));
            Assert.Equal(7, log.ToOriginal(7));
            Assert.Equal(4, log.ToOriginal(6));
            Assert.Throws<InvalidOperationException>(() => log.Add(new[] { new TextEdit(3, 0, "!") }));
        }

        [Fact]
        public void DiffShowsHunksWithContext()
        {
            var original = string.Join("\n", Enumerable.Range(1, 20).Select(i => $"line{i}")) + "\n";
            var edits = new[] { new TextEdit(original.IndexOf("line10", StringComparison.Ordinal), 7, ""), new TextEdit(original.Length, 0, "end\n") };
            var diff = UnifiedDiff.FromEdits(original, edits, "a", "b");
            Assert.Equal(
                "--- a\n+++ b\n@@ -7,7 +7,6 @@\n line7\n line8\n line9\n-line10\n line11\n line12\n line13\n" +
                "@@ -18,3 +17,4 @@\n line18\n line19\n line20\n+end\n", diff);
        }
    }
}
