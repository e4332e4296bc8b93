using System;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Container;
using DockerHarden.Rules.Fixes;
using DockerHarden.Views.Compose;
using DockerHarden.Views.Create;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>DH132, the demonstration that a rule is its own file: judged, fixed as a decision in every view.</summary>
    public class SELinuxLabelNotDisabledTests
    {
        private static readonly string Id = RuleCatalog.Id<SELinuxLabelNotDisabled>();

        [Theory]
        [InlineData("label=disable", FindingStatus.Fail)]
        [InlineData("label:disable", FindingStatus.Fail)]
        [InlineData("label=type:svirt_apache_t", FindingStatus.Pass)]
        [InlineData("no-new-privileges", FindingStatus.Pass)]
        public void Judges_the_security_options(string option, FindingStatus expected)
        {
            var facts = new ContainerFacts { SecurityOpt = new[] { option } };
            Assert.Equal(expected, new SELinuxLabelNotDisabled().Evaluate(new ContainerContext(facts, Given.Engine(), new FleetFacts())).Status);
        }

        [Fact]
        public void Its_fix_is_a_decision_that_compose_and_create_apply()
        {
            var rule = RuleCatalog.All().Single(r => r.Id == Id);
            Assert.Equal("NeedsDecision", rule.Fix);
            Assert.Equal(new[] { RuleView.Compose, RuleView.Create }, rule.FixedIn);
            Assert.Contains("RemoveSecurityOpt(label=disable)", rule.FixSteps, StringComparison.Ordinal);
        }

        [Fact]
        public void Compose_lists_it_in_Skipped_unless_named()
        {
            var yaml = "services:\n  web:\n    image: a:1\n    security_opt: [\"label:disable\"]  # for the host volume\n";
            var byDefault = ComposeGiven.Repair(yaml);
            Assert.Contains("label:disable", byDefault.NewText, StringComparison.Ordinal);
            Assert.Contains(byDefault.Skipped, s => s.RuleId == Id && s.Reason.StartsWith("needs a decision", StringComparison.Ordinal));
            var named = ComposeGiven.Repair(yaml, RepairOptions.Naming(Id));
            Assert.DoesNotContain("label:disable", named.NewText, StringComparison.Ordinal);
            Assert.Contains("# for the host volume", named.NewText, StringComparison.Ordinal);
        }

        [Fact]
        public void New_HardenedContainer_never_sets_it_and_keeps_a_twins_only_with_Force()
        {
            var engine = Given.Engine();
            var image = new ImageFacts { Reference = "app:1.0", HealthcheckTest = new[] { "CMD", "true" } };
            var fresh = HardenedSpecPlanner.Plan(new HardeningRequest { Image = "app:1.0", Name = "web" }, image, engine);
            Assert.DoesNotContain(fresh.Spec.SecurityOpt, o => o.StartsWith("label", StringComparison.Ordinal));

            var twin = new TwinSource(new ContainerFacts { Name = "old", Image = "app:1.0", SecurityOpt = new[] { "label=disable" } },
                new ContainerCreateConfig { Image = "app:1.0" });
            var dropped = HardenedSpecPlanner.Plan(new HardeningRequest { Name = "new" }, image, engine, twin);
            Assert.DoesNotContain("label=disable", dropped.Spec.SecurityOpt);
            Assert.Contains(dropped.Dropped, d => d.Contains(Id, StringComparison.Ordinal) && d.Contains("-Force", StringComparison.Ordinal));

            var forced = HardenedSpecPlanner.Plan(new HardeningRequest { Name = "new", Force = true }, image, engine, twin);
            Assert.Contains("label=disable", forced.Spec.SecurityOpt);
            Assert.Contains(forced.Warnings, w => w.StartsWith(Id, StringComparison.Ordinal));
        }
    }
}
