using System.Collections.Generic;
using System.IO;
using System.Linq;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    public class ComposeDiscoveryTests
    {
        private static readonly string Root = Path.Combine(Path.GetTempPath(), "dh-discovery");

        private static System.Func<string, bool> Exists(params string[] relative)
        {
            var set = relative.Select(r => Path.Combine(Root, r)).ToHashSet();
            return set.Contains;
        }

        [Theory]
        [InlineData("compose.yaml", "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")]
        [InlineData("compose.yml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")]
        [InlineData("docker-compose.yml", "docker-compose.yml", "docker-compose.yaml")]
        [InlineData("docker-compose.yaml", "docker-compose.yaml")]
        public void TakesTheFirstNameInComposeGosOrder(string expected, params string[] present)
        {
            var found = ComposeDiscovery.Find(Root, Exists(present), walkUp: false);
            Assert.NotNull(found);
            Assert.Equal(Path.Combine(Root, expected), found!.File);
            Assert.Equal(present.Length - 1, found.PassedOver.Count);
        }

        [Fact]
        public void MergesTheFirstOverrideFileOnTop()
        {
            var found = ComposeDiscovery.Find(Root, Exists("docker-compose.yml", "docker-compose.override.yaml", "compose.override.yml"), walkUp: false);
            Assert.Equal(new[] { Path.Combine(Root, "docker-compose.yml"), Path.Combine(Root, "compose.override.yml") }, found!.Files);
            Assert.Equal(new[] { Path.Combine(Root, "docker-compose.override.yaml") }, found.PassedOver);
        }

        [Fact]
        public void AnOverrideFileAloneIsNoProject()
        {
            Assert.Null(ComposeDiscovery.Find(Root, Exists("compose.override.yaml"), walkUp: false));
        }

        [Fact]
        public void WalksUpToTheNearestParentOnlyWhenAsked()
        {
            var deep = Path.Combine(Root, "a", "b");
            var exists = Exists("compose.yml", Path.Combine("a", "docker-compose.yml"));
            Assert.Null(ComposeDiscovery.Find(deep, exists, walkUp: false));
            var found = ComposeDiscovery.Find(deep, exists, walkUp: true);
            Assert.Equal(Path.Combine(Root, "a", "docker-compose.yml"), found!.File);
            Assert.Equal(Path.Combine(Root, "a"), found.Directory);
        }

        [Fact]
        public void WalkingUpEndsAtTheRoot()
        {
            Assert.Null(ComposeDiscovery.Find(Path.Combine(Root, "x"), _ => false, walkUp: true));
        }

        [Fact]
        public void NamesTheFilesItSearchesForInOrder()
        {
            Assert.Equal("compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml", ComposeDiscovery.Names());
        }

        [Fact]
        public void MergesFilesNamedOneByOneAndKeepsWildcardMatchesAndDirectoriesApart()
        {
            var sets = ComposeFileSets.Group(new[]
            {
                new NamedFiles("one.yml", new[] { "/p/one.yml" }, OwnProject: false),
                new NamedFiles("*.yml", new[] { "/p/a.yml" }, OwnProject: true),
                new NamedFiles("*.yml", new[] { "/p/b.yml" }, OwnProject: true),
                new NamedFiles("three.yml", new[] { "/p/three.yml" }, OwnProject: false),
                new NamedFiles("dir", new[] { "/d/compose.yaml", "/d/compose.override.yml" }, OwnProject: true),
                new NamedFiles("empty", new string[0], OwnProject: true),
            });
            Assert.Equal(new[] { "/p/one.yml", "/p/three.yml" }, sets[0]);
            Assert.Equal(new[] { "/p/a.yml" }, sets[1]);
            Assert.Equal(new[] { "/p/b.yml" }, sets[2]);
            Assert.Equal(new[] { "/d/compose.yaml", "/d/compose.override.yml" }, sets[3]);
            Assert.Equal(4, sets.Count);
        }

        [Fact]
        public void TheOrderOfMergedFilesIsPartOfTheirKey()
        {
            Assert.NotEqual(ComposeFileSets.Key(new[] { "a", "b" }), ComposeFileSets.Key(new[] { "b", "a" }));
            Assert.Equal(ComposeFileSets.Key(new List<string> { "a", "b" }), ComposeFileSets.Key(new[] { "a", "b" }));
        }
    }
}
