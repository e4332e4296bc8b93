using System;
using System.Diagnostics;
using System.Linq;
using System.Text;
using System.Threading;
using DockerHarden.Adapters.Compose;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>Bounded time on large inputs, and cancellation of the compose loops (issue 16).</summary>
    public class ComposeBoundsTests
    {
        private static string Chain(int services, bool ownProblem = false)
        {
            var sb = new StringBuilder("services:\n  s0:\n    image: a:1\n    privileged: true\n    cap_add:\n      - SYS_ADMIN\n");
            for (int i = 1; i < services; i++)
            {
                sb.Append($"  s{i}:\n    extends: s{i - 1}\n    image: a:{i}\n");
                if (ownProblem && i % 2 == 0)
                {
                    sb.Append("    pid: host\n");
                }
            }

            return sb.ToString();
        }

        [Fact]
        public void AnExtendsChainIsRepairedInLinearTime()
        {
            // Was quadratic: one pass (resolve and audit of every service) per link. 1,000 links took 81 s.
            // The number of passes is the measure (the time is -Task Bench's: a timed test flakes on a busy machine):
            // a pass per link made 2,000 parses, a linear plan makes at most three whatever the chain's length.
            var parses = 0;
            var plan = ComposeRepairer.Plan(Chain(2000), ComposeGiven.Path, (t, p) => { parses++; return ComposeReader.Parse(t, p); }, new RepairOptions());
            Assert.True(parses <= 3, $"{parses} parses");
            // The base's fix is inherited by every link: the chain's links are not edited.
            Assert.All(plan.Changes, c => Assert.Equal("s0", c.Service));
            Assert.Empty(ComposeGiven.Repair(plan.NewText).Changes);
        }

        [Fact]
        public void ALinkWithItsOwnProblemIsFixedAfterItsBase()
        {
            var plan = ComposeGiven.Repair(Chain(6, ownProblem: true));
            Assert.Equal(new[] { "s2", "s4" }, plan.Changes.Where(c => c.RuleId == "DH111").Select(c => c.Service).ToArray());
            // Inherited fixes are not written again in the links.
            Assert.Single(plan.Changes, c => c.RuleId == "DH104");
            Assert.Empty(ComposeGiven.Repair(plan.NewText).Changes);
        }

        [Fact]
        public void ChangeLinesStayExactAcrossPasses()
        {
            // Lines of changes planned in a later pass are mapped back to the original text (binary search over edits).
            var yaml = "services:\n  base:\n    image: a:1\n    privileged: true\n  child:\n    extends: base\n    image: a:2\n    pid: host\n";
            var plan = ComposeGiven.Repair(yaml);
            Assert.Equal(4, plan.Changes.Single(c => c.RuleId == "DH104").Line);
            Assert.Equal(8, plan.Changes.Single(c => c.Service == "child" && c.RuleId == "DH111").Line);
        }

        [Fact]
        public void TheRepairStopsWhenCancelled()
        {
            using var cancel = new CancellationTokenSource();
            int parses = 0;
            Assert.ThrowsAny<OperationCanceledException>(() => ComposeRepairer.Plan(Chain(50), ComposeGiven.Path, (t, p) =>
            {
                // Cancelled while the first parse runs: nothing after it may go on.
                parses++;
                cancel.Cancel();
                return ComposeReader.Parse(t, p);
            }, new RepairOptions(), cancel.Token));
            Assert.Equal(1, parses);
        }

        [Fact]
        public void TheParserAndTheAuditStopWhenCancelled()
        {
            var yaml = "services:\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"  s{i}:\n    image: a:{i}\n"));
            Assert.ThrowsAny<OperationCanceledException>(() => ComposeReader.Parse(yaml, ComposeGiven.Path, new CancellationToken(true)));
            var project = ComposeResolver.Resolve(new[] { ComposeGiven.Parse(yaml) });
            Assert.ThrowsAny<OperationCanceledException>(() => ComposeAuditor.Audit(project, Rules.RuleCatalog.ContainerRules, new CancellationToken(true)));
            Assert.ThrowsAny<OperationCanceledException>(() => ComposeResolver.Resolve(new[] { ComposeGiven.Parse(yaml) }, new CancellationToken(true)));
        }
    }
}
