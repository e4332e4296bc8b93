using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Policy;
using Xunit;

namespace DockerHarden.Tests
{
    public class WaiverApplierTests
    {
        private static readonly DateTime Today = new(2026, 11, 28);

        private static HardeningFinding Finding(string ruleId, FindingStatus status, string target = "db", string name = "SomeRule") =>
            new(ruleId, name, "title", Severity.High, status, target, "evidence", "fix", "1", "1.1");

        private static IReadOnlyList<HardeningFinding> Apply(IEnumerable<HardeningFinding> findings, params Waiver[] waivers) =>
            WaiverApplier.Apply(findings, waivers, Today, new HashSet<Waiver>());

        [Fact]
        public void Waives_a_fail_and_keeps_rule_and_reason()
        {
            var result = Apply(new[] { Finding("DH119", FindingStatus.Fail) }, new Waiver { Rule = "DH119", Target = "db", Reason = "mysql" }).Single();
            Assert.Equal(FindingStatus.Waived, result.Status);
            Assert.Equal("DH119", result.RuleId);
            Assert.Equal("mysql", result.WaiverReason);
        }

        [Fact]
        public void Waives_warnings_but_never_passes_or_not_applicable()
        {
            var waiver = new Waiver { Rule = "*", Target = "*", Reason = "all" };
            var result = Apply(new[]
            {
                Finding("DH125", FindingStatus.Warn), Finding("DH101", FindingStatus.Pass), Finding("DH124", FindingStatus.NotApplicable),
            }, waiver);
            Assert.Equal(new[] { FindingStatus.Waived, FindingStatus.Pass, FindingStatus.NotApplicable }, result.Select(f => f.Status));
        }

        [Theory]
        [InlineData("DH11*", "d?", true)]
        [InlineData("MemoryLimit", "DB", true)]
        [InlineData("DH12*", "db", false)]
        [InlineData("DH116", "web", false)]
        public void Matches_rule_ids_names_and_targets_with_wildcards(string rule, string target, bool waived)
        {
            var result = Apply(new[] { Finding("DH116", FindingStatus.Fail, "db", "MemoryLimit") }, new Waiver { Rule = rule, Target = target, Reason = "r" }).Single();
            Assert.Equal(waived ? FindingStatus.Waived : FindingStatus.Fail, result.Status);
        }

        [Fact]
        public void An_expired_waiver_does_not_apply_and_is_reported()
        {
            var expired = new HashSet<Waiver>();
            var waiver = new Waiver { Rule = "DH119", Reason = "old", Expires = Today.AddDays(-1) };
            var result = WaiverApplier.Apply(new[] { Finding("DH119", FindingStatus.Fail) }, new[] { waiver }, Today, expired).Single();
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Null(result.WaiverReason);
            Assert.Contains("waiver expired on 2026-11-27", result.Evidence);
            Assert.Contains(waiver, expired);
        }

        [Fact]
        public void A_waiver_applies_through_its_expiry_day()
        {
            var result = Apply(new[] { Finding("DH119", FindingStatus.Fail) }, new Waiver { Rule = "DH119", Reason = "today", Expires = Today }).Single();
            Assert.Equal(FindingStatus.Waived, result.Status);
        }

        [Fact]
        public void Waived_findings_count_neither_in_score_nor_against_compliance()
        {
            var findings = Apply(new[] { Finding("DH101", FindingStatus.Pass), Finding("DH119", FindingStatus.Fail) },
                new Waiver { Rule = "DH119", Reason = "r" });
            var report = new ContainerHardeningReport("db", "id", "img", "running", "unix:///x", findings, Severity.High);
            Assert.Equal(100, report.Score);
            Assert.True(report.Compliant);
            Assert.Equal(0, report.FailCount);
        }
    }
}
