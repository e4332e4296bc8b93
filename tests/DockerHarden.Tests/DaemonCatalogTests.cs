using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerHarden.Models;
using DockerHarden.Rules;
using Xunit;

namespace DockerHarden.Tests
{
    public class DaemonCatalogTests
    {
        [Fact]
        public void Ids_run_DH001_to_DH021_in_order_and_class_names_match()
        {
            Assert.Equal(Enumerable.Range(1, 21).Select(n => $"DH{n:000}"), RuleCatalog.DaemonRules.Select(r => r.Info.Id));
            foreach (var rule in RuleCatalog.DaemonRules)
            {
                Assert.Equal(rule.GetType().Name, rule.Info.Name);
                Assert.False(string.IsNullOrWhiteSpace(rule.Info.Title), rule.Info.Id);
                Assert.False(string.IsNullOrWhiteSpace(rule.Info.Remediation), rule.Info.Id);
            }
        }

        [Fact]
        public void Every_rule_gives_evidence_for_default_and_remote_facts()
        {
            foreach (var facts in new[] { GivenDaemon.State(), GivenDaemon.State(remote: true) })
            {
                foreach (var rule in RuleCatalog.DaemonRules)
                {
                    Assert.False(string.IsNullOrWhiteSpace(rule.Evaluate(new DaemonContext(facts)).Evidence), rule.Info.Id);
                }
            }
        }

        [Fact]
        public void Catalog_agrees_with_RULES_md()
        {
            var text = RulesMd.Text();
            var rules = RuleCatalog.DaemonRules.ToDictionary(r => r.Info.Id);
            var rows = Regex.Matches(text, @"^\| (DH0\d\d) \| (\w+) \| ([^|]*) \| ([^|]*) \|", RegexOptions.Multiline);
            // Every row is built and every built rule has its row, with the same name, seed section and CIS ids.
            Assert.Equal(rules.Keys.OrderBy(k => k, StringComparer.Ordinal), rows.Select(r => r.Groups[1].Value).OrderBy(k => k, StringComparer.Ordinal));
            foreach (Match row in rows)
            {
                var info = rules[row.Groups[1].Value].Info;
                Assert.Equal(row.Groups[2].Value, info.Name);
                Assert.Equal(row.Groups[3].Value.Trim().Replace('\u2013', '-'), info.SeedSection);
                Assert.Equal(row.Groups[4].Value.Trim().Replace('\u2013', '-'), info.CisId);
            }

            foreach (Match s in Regex.Matches(text, @"(DH0\d\d) (Critical|High|Medium|Low|Info)"))
            {
                Assert.Equal(Enum.Parse<Severity>(s.Groups[2].Value), rules[s.Groups[1].Value].Info.Severity);
            }
        }
    }
}
