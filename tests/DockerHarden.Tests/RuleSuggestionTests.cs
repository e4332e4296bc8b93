using System.Linq;
using DockerHarden.Rules;
using Xunit;

namespace DockerHarden.Tests
{
    public class RuleSuggestionTests
    {
        private static string[] Container(string typed) =>
            RuleSuggestion.Nearest(typed, RuleCatalog.ContainerRules.Select(r => r.Info)).ToArray();

        [Fact]
        public void A_letter_O_for_a_zero_suggests_the_id_it_looks_like() =>
            Assert.Equal(new[] { "DH101" }, Container("DH1O1"));

        [Fact]
        public void A_misspelt_name_suggests_its_rule() =>
            Assert.Equal(new[] { "DH116" }, Container("MemoryLimt"));

        [Fact]
        public void A_wrong_digit_suggests_the_ids_one_edit_away() =>
            Assert.Contains("DH119", Container("DH1199"));

        [Fact]
        public void Something_far_from_every_rule_suggests_nothing() =>
            Assert.Empty(Container("frobnicate"));

        [Theory]
        [InlineData("DH101", "dh101", 0)]
        [InlineData("DH1O1", "DH101", 1)]
        [InlineData("DH1O1", "DH111", 2)]
        [InlineData("abc", "", 6)]
        public void Distance_counts_half_steps(string a, string b, int expected) =>
            Assert.Equal(expected, RuleSuggestion.Distance(a, b));
    }
}
