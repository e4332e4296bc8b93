using System;
using System.Linq;
using DockerHarden.Rules;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>The memory limit a repair writes is never below the reservation or a JVM's heap.</summary>
    public class MemoryFloorTests
    {
        private const long MiB = 1024 * 1024;

        [Theory]
        [InlineData("-Xmx512m", 512 * MiB)]
        [InlineData("-Xms256m -Xmx1g", 1024 * MiB)]
        [InlineData("-Xmx2048M -Xmx1g", 1024 * MiB)]
        [InlineData("-Xms2g", 2048 * MiB)]
        [InlineData("-Xmx1073741824", 1024 * MiB)]
        [InlineData("java -XX:+UseG1GC -Xmx768m -jar app.jar", 768 * MiB)]
        public void ReadsTheJvmHeap(string text, long bytes) => Assert.Equal(bytes, MemoryFloor.Heap(text)?.Bytes);

        [Theory]
        [InlineData("-XX:MaxRAMPercentage=75")]
        [InlineData("--Xmx512m")]
        [InlineData("")]
        public void NoHeapFlagIsNoHeap(string text) => Assert.Null(MemoryFloor.Heap(text));

        [Fact]
        public void ChoosesTheLargestNeed()
        {
            var choice = MemoryFloor.Choose("256m", 256 * MiB, new[] { new MemoryNeed("mem_reservation", 512 * MiB) },
                new[] { new MemoryNeed("-Xmx512m in JAVA_OPTS", 512 * MiB) });
            Assert.Equal("640m", choice.Text);
            Assert.Contains("-Xmx512m in JAVA_OPTS", choice.Reason, StringComparison.Ordinal);
            Assert.Equal("256m", MemoryFloor.Choose("256m", 256 * MiB, Array.Empty<MemoryNeed>(), Array.Empty<MemoryNeed>()).Text);
            Assert.Equal("512m", MemoryFloor.Choose("256m", 256 * MiB, new[] { new MemoryNeed("mem_reservation", 512 * MiB) }, Array.Empty<MemoryNeed>()).Text);
        }

        [Theory]
        [InlineData("    mem_reservation: 512m\n", "mem_limit: 512m", "mem_reservation is 512m")]
        [InlineData("    deploy:\n      resources:\n        reservations:\n          memory: 1g\n", "mem_limit: 1024m", "deploy.resources.reservations.memory is 1024m")]
        [InlineData("    environment:\n      ES_JAVA_OPTS: \"-Xms1g -Xmx1g\"\n", "mem_limit: 1280m", "-Xmx1g in ES_JAVA_OPTS")]
        [InlineData("    environment:\n      - JAVA_OPTS=-Xmx512m\n", "mem_limit: 640m", "-Xmx512m in JAVA_OPTS")]
        [InlineData("    command: [\"java\", \"-Xmx300m\", \"-jar\", \"a.jar\"]\n", "mem_limit: 384m", "-Xmx300m in command")]
        public void TheDH116FixWritesTheFloorAndSaysWhy(string keys, string written, string why)
        {
            var plan = ComposeGiven.Repair("services:\n  j:\n    image: a:1\n" + keys, RepairOptions.Naming("DH116", "DH117"));
            Assert.Contains(written, plan.NewText, StringComparison.Ordinal);
            var change = plan.Changes.Single(c => c.RuleId == "DH116");
            Assert.Contains(why, change.After, StringComparison.Ordinal);
            var swap = plan.Changes.Single(c => c.RuleId == "DH117");
            Assert.Equal("memswap_limit: " + written.Split(' ')[1], swap.After);
        }

        [Fact]
        public void UnlimitedSwapIsReplacedOpenly()
        {
            var plan = ComposeGiven.Repair("services:\n  m:\n    image: a:1\n    mem_limit: 128m\n    memswap_limit: -1\n", new RepairOptions());
            var swap = plan.Changes.Single(c => c.RuleId == "DH117");
            Assert.Equal("memswap_limit: -1", swap.Before);
            Assert.StartsWith("memswap_limit: 128m (was -1, unlimited swap", swap.After, StringComparison.Ordinal);
        }

        [Fact]
        public void EveryChangeRowSaysWhatItWrites()
        {
            var plan = ComposeGiven.Repair("services:\n  m:\n    image: a:1\n    privileged: true\n    pid: host\n    memswap_limit: -1\n    cap_add: [SYS_ADMIN]\n", new RepairOptions());
            Assert.NotEmpty(plan.Changes);
            Assert.All(plan.Changes, c => Assert.False(string.IsNullOrWhiteSpace(c.After), $"{c.RuleId} {c.Before}"));
        }
    }
}
