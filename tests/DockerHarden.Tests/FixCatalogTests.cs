using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;
using DockerHarden.Views.Compose;
using DockerHarden.Views.Create;
using DockerHarden.Views.Daemon;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>
    /// The fix half of the catalog: every rule's fix has a decision in every view it serves, each view's applier
    /// interprets what FixViews lets through, the docs agree with the derived table, and no default is written twice.
    /// </summary>
    public class FixCatalogTests
    {
        private static IEnumerable<(string Id, RuleFix Fix, IReadOnlyList<RuleView> Views)> AllFixes() =>
            RuleCatalog.ContainerRules.Select(r => (r.Info.Id, r.Fix, FixViews.ViewsOf(daemonRule: false)))
                .Concat(RuleCatalog.DaemonRules.Select(r => (r.Info.Id, r.Fix, FixViews.ViewsOf(daemonRule: true))));

        [Fact]
        public void Every_fix_step_has_an_applier_decision_in_every_view_of_its_rule()
        {
            foreach (var (id, fix, views) in AllFixes().Where(f => f.Fix.HasSteps))
            {
                foreach (var view in views)
                {
                    foreach (var step in fix.Steps)
                    {
                        var why = FixViews.NotFixable(view, step);
                        var what = $"{id} {step.GetType().Name} in {view}";
                        if (why is not null)
                        {
                            Assert.False(string.IsNullOrWhiteSpace(why), what);
                            continue;
                        }

                        // FixViews lets the step through: the view's applier must interpret it.
                        switch (view)
                        {
                            case RuleView.Compose:
                                Assert.True(RepairPlanner.Handles(step), $"{what}: the compose applier has no entry");
                                break;
                            case RuleView.Daemon:
                                Assert.True(DaemonRepairPlanner.Handles(step), $"{what}: the daemon.json editor has no case");
                                break;
                            case RuleView.Create:
                                break; // judged below, by the rules themselves
                            default:
                                Assert.Fail($"{what}: no applier for the view");
                                break;
                        }
                    }
                }
            }
        }

        [Fact]
        public void The_create_applier_passes_every_rule_it_claims_to_fix()
        {
            // A plain New-HardenedContainer on an engine that can enforce everything (AppArmor, an xfs quota): no rule
            // fixable in Create fails. (A Warn such as json-file logs is the host's to change, not the container's.)
            var engine = Given.Engine(backingFilesystem: "xfs");
            var image = new ImageFacts { Reference = "app:1.0", HealthcheckTest = new[] { "CMD", "true" } };
            var plan = HardenedSpecPlanner.Plan(new HardeningRequest { Image = "app:1.0", Name = "web" }, image, engine);
            Assert.Empty(plan.Errors);
            var findings = SpecFacts.Evaluate(plan.Spec, image, engine).ToDictionary(f => f.RuleId);
            foreach (var rule in RuleCatalog.ContainerRules.Where(r => FixViews.Fixable(RuleView.Create, r.Fix)))
            {
                Assert.True(findings[rule.Info.Id].Status is not FindingStatus.Fail,
                    $"{rule.Info.Id}: {findings[rule.Info.Id].Status} {findings[rule.Info.Id].Evidence}");
            }
        }

        [Fact]
        public void A_decision_says_what_to_decide_and_every_setting_has_compose_keys()
        {
            foreach (var (id, fix, _) in AllFixes())
            {
                Assert.Equal(fix.Safety == FixSafety.NeedsDecision, fix.Decision.Length > 0);
                Assert.Equal(fix.Safety != FixSafety.None, fix.HasSteps);
                _ = id;
            }

            foreach (var setting in Enum.GetValues<Setting>())
            {
                Assert.NotEmpty(ComposeSettingKeys.For(setting));
            }

            // A container rule with a fix says what it reads, so its findings point at a line.
            Assert.All(RuleCatalog.ContainerRules.Where(r => r.Fix.HasSteps), r => Assert.NotEmpty(r.Reads));
        }

        [Fact]
        public void About_DockerHarden_fix_table_agrees_with_the_catalog()
        {
            var about = File.ReadAllText(RepoFile("en-US", "about_DockerHarden.help.txt"));
            var rows = Regex.Matches(about, @"^        (DH\d{3})  (Safe|NeedsDecision|None) +(.+)$", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups[1].Value, m => (Fix: m.Groups[2].Value, In: m.Groups[3].Value.Trim()));
            var rules = RuleCatalog.All();
            Assert.Equal(rules.Select(r => r.Id).OrderBy(i => i, StringComparer.Ordinal), rows.Keys.OrderBy(i => i, StringComparer.Ordinal));
            foreach (var rule in rules)
            {
                Assert.Equal(rule.Fix, rows[rule.Id].Fix);
                Assert.Equal(rule.FixedIn.Length == 0 ? "-" : string.Join(", ", rule.FixedIn), rows[rule.Id].In);
            }
        }

        // Default values a fix writes, as they would be typed in code. Only the defaults source may hold them.
        private static readonly (string What, Regex Pattern)[] DefaultLiterals =
        {
            ("memory 256m", new Regex(@"""256m""|256L?\s*\*\s*1024", RegexOptions.IgnoreCase)),
            ("user 10001", new Regex(@"10001")),
            ("cpus 1.0", new Regex(@"(?i)cpus?\b.*""1(\.0)?""")),
            ("pids 100", new Regex(@"(?i)pids.*=\s*100\b|""100""")),
            ("tmpfs options", new Regex(@"size=64m")),
            ("tmpfs path /tmp", new Regex(@"""/tmp""")),
            ("storage 10g", new Regex(@"""10g""")),
            ("bind address", new Regex(@"""127\.0\.0\.1""")),
            ("restart retries", new Regex(@"RestartRetries\s*=\s*5|""on-failure:5""")),
        };

        [Fact]
        public void No_default_value_is_written_outside_the_defaults_source()
        {
            var source = Path.GetFullPath(RepoFile("src", "DockerHarden", "Rules", "Fixes", "FixDefaults.cs"));
            var offenders = new List<string>();
            foreach (var file in Directory.EnumerateFiles(RepoFile("src"), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                                     !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal) &&
                                     Path.GetFullPath(f) != source))
            {
                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    // Documentation and comments may name a value ("for example 256m"); code may not.
                    var code = lines[i].TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    foreach (var (what, pattern) in DefaultLiterals.Where(d => d.Pattern.IsMatch(code)))
                    {
                        offenders.Add($"{Path.GetRelativePath(RepoFile(), file)}:{i + 1}: {what}: {code}");
                    }
                }
            }

            Assert.True(offenders.Count == 0, "defaults outside Rules/Fixes/FixDefaults.cs:\n" + string.Join("\n", offenders));
            // The source itself holds every one of them, so the patterns test something.
            var defaults = File.ReadAllText(source);
            Assert.All(DefaultLiterals.Where(d => d.What is not ("cpus 1.0" or "pids 100" or "restart retries")), d => Assert.Matches(d.Pattern, defaults));
        }

        private static string RepoFile(params string[] parts)
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DockerHarden.psd1")))
                {
                    return Path.Combine(new[] { dir.FullName }.Concat(parts).ToArray());
                }
            }

            throw new DirectoryNotFoundException($"no DockerHarden.psd1 above {AppContext.BaseDirectory}");
        }
    }
}
