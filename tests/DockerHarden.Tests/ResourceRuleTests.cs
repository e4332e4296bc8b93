using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Container;
using Xunit;
using static DockerHarden.Tests.Given;

namespace DockerHarden.Tests
{
    public class ResourceRuleTests
    {
        [Fact]
        public void DH116_memory()
        {
            Assert.Equal(FindingStatus.Fail, Run<MemoryLimit>(new ContainerFacts()).Status);
            var o = Run<MemoryLimit>(new ContainerFacts { Memory = 256 * MiB });
            Assert.Equal(FindingStatus.Pass, o.Status);
            Assert.Contains("256MiB", o.Evidence);
        }

        [Theory]
        [InlineData(0, 0, FindingStatus.Fail)]
        [InlineData(0, -1, FindingStatus.Fail)]
        [InlineData(256, -1, FindingStatus.Fail)]
        [InlineData(256, 512, FindingStatus.Warn)]
        [InlineData(256, 0, FindingStatus.Warn)]
        [InlineData(256, 256, FindingStatus.Pass)]
        public void DH117_memory_swap(long memoryMiB, long swapMiB, FindingStatus expected)
        {
            var swap = swapMiB == -1 ? -1 : swapMiB * MiB;
            Assert.Equal(expected, Run<MemorySwapLimit>(new ContainerFacts { Memory = memoryMiB * MiB, MemorySwap = swap }).Status);
        }

        [Fact]
        public void DH117_warn_states_the_swap_allowed()
        {
            var o = Run<MemorySwapLimit>(new ContainerFacts { Memory = 256 * MiB, MemorySwap = 768 * MiB });
            Assert.Contains("swap allowed = 512MiB", o.Evidence);
        }

        [Fact]
        public void Sizes_are_human_readable()
        {
            Assert.Equal("256MiB", Sizes.Format(256 * MiB));
            Assert.Equal("1.5GiB", Sizes.Format(1536 * MiB));
            Assert.Equal("512B", Sizes.Format(512));
        }

        [Fact]
        public void DH118_cpu_limits()
        {
            Assert.Equal(FindingStatus.Pass, Run<CpuLimit>(new ContainerFacts { NanoCpus = 1_500_000_000 }).Status);
            Assert.Equal(FindingStatus.Pass, Run<CpuLimit>(new ContainerFacts { CpuQuota = 50_000, CpuPeriod = 100_000 }).Status);
            Assert.Equal(FindingStatus.Fail, Run<CpuLimit>(new ContainerFacts()).Status);
        }

        [Fact]
        public void DH118_cpu_shares_alone_fail_as_a_weight()
        {
            var o = Run<CpuLimit>(new ContainerFacts { CpuShares = 512 });
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("CpuShares 512", o.Evidence);
            Assert.Contains("a weight, not a limit", o.Evidence);
        }

        [Fact]
        public void DH119_read_only_rootfs()
        {
            Assert.Equal(FindingStatus.Fail, Run<ReadOnlyRootFilesystem>(new ContainerFacts()).Status);
            Assert.Equal(FindingStatus.Pass, Run<ReadOnlyRootFilesystem>(new ContainerFacts { ReadonlyRootfs = true }).Status);
        }

        [Fact]
        public void DH120_size_passes()
        {
            var c = new ContainerFacts { StorageOpt = new Dictionary<string, string> { ["size"] = "10G" } };
            Assert.Equal(FindingStatus.Pass, Run<StorageQuota>(c).Status);
        }

        [Fact]
        public void DH120_overlay2_on_extfs_is_not_applicable()
        {
            var o = Run<StorageQuota>(new ContainerFacts(), Engine(storageDriver: "overlay2", backingFilesystem: "extfs"));
            Assert.Equal(FindingStatus.NotApplicable, o.Status);
            Assert.Contains("overlay2 on extfs cannot enforce --storage-opt size (needs xfs with pquota)", o.Evidence);
            Assert.Equal(FindingStatus.NotApplicable, Run<StorageQuota>(new ContainerFacts(), Engine(storageDriver: "vfs")).Status);
        }

        [Theory]
        [InlineData("overlay2", "xfs")]
        [InlineData("btrfs", "btrfs")]
        [InlineData("zfs", "")]
        public void DH120_enforcing_driver_without_size_fails_low(string driver, string backing)
        {
            var o = Run<StorageQuota>(new ContainerFacts(), Engine(storageDriver: driver, backingFilesystem: backing));
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Equal(Severity.Low, o.Severity ?? Severity.Low);
        }

        [Theory]
        [InlineData(null)]
        [InlineData(0L)]
        [InlineData(-1L)]
        public void DH121_unlimited_pids_fail(long? limit)
        {
            Assert.Equal(FindingStatus.Fail, Run<PidsLimit>(new ContainerFacts { PidsLimit = limit }).Status);
        }

        [Fact]
        public void DH121_pids_limit_passes()
        {
            Assert.Equal(FindingStatus.Pass, Run<PidsLimit>(new ContainerFacts { PidsLimit = 100 }).Status);
        }
    }
}
