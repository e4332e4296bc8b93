using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules.Container
{
    /// <summary>DH107: mapped devices get the least cgroup permission, ideally read-only (guide §4, CIS 5.18).</summary>
    internal sealed class DevicesLeastPermission : ContainerRule
    {
        public override RuleInfo Info { get; } = new(
            "DH107", nameof(DevicesLeastPermission), "Map host devices with the least permissions", Severity.High,
            "4", "5.18", "--device SRC:DST:r / compose devices: [\"SRC:DST:r\"]");

        public override string Description => "Checks the cgroup permissions of mapped devices and device cgroup rules: mknod (m) or rwm fails, rw is a Warn, r passes.";

        public override string Rationale => "The guide asks for host devices to be added with the least permissions needed; write or mknod access to a raw device can bypass the filesystem and its permissions entirely (guide 4, CIS 5.18).";

        public override IReadOnlyList<Setting> Reads { get; } = new[] { Setting.Devices, Setting.DeviceCgroupRules };

        public override RuleFix Fix { get; } = RuleFix.Safe(new LowerDevicePermissions());

        public override RuleOutcome Evaluate(ContainerContext context)
        {
            var c = context.Container;
            if (c.Devices.Count == 0 && c.DeviceCgroupRules.Count == 0)
            {
                return RuleOutcome.Pass("no devices are mapped and no device cgroup rules are set");
            }

            var fails = new List<string>();
            var warns = new List<string>();
            var passes = new List<string>();
            foreach (var d in c.Devices)
            {
                var perms = d.CgroupPermissions.Trim().ToLowerInvariant();
                var line = $"{d.PathOnHost} -> {d.PathInContainer}:{(perms.Length == 0 ? "rwm (default)" : perms)}";
                if (perms.Length == 0 || perms.Contains('m'))
                {
                    fails.Add(line);
                }
                else if (perms.Contains('w'))
                {
                    warns.Add(line);
                }
                else
                {
                    passes.Add(line);
                }
            }

            foreach (var rule in c.DeviceCgroupRules)
            {
                Classify(rule, fails, warns, passes);
            }

            string all = string.Join("; ", fails.Concat(warns).Concat(passes));
            if (fails.Count > 0)
            {
                return RuleOutcome.Fail($"device access includes mknod or wildcards: {string.Join("; ", fails)} (all: {all})");
            }

            return warns.Count > 0
                ? RuleOutcome.Warn($"devices are writable: {string.Join("; ", warns)} (all: {all})")
                : RuleOutcome.Pass($"devices are read-only: {all}");
        }

        // A rule is "TYPE MAJOR:MINOR PERMS", for example "c 13:* rmw"; type "a" means every device.
        private static void Classify(string rule, List<string> fails, List<string> warns, List<string> passes)
        {
            var parts = rule.Trim().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var line = $"rule '{rule.Trim()}'";
            var type = parts.Length > 0 ? parts[0] : "";
            var numbers = parts.Length > 1 ? parts[1] : "";
            var perms = parts.Length > 2 ? parts[2].ToLowerInvariant() : "";
            bool wildcard = type == "a" || numbers.Contains('*');
            bool rwm = perms.Contains('r') && perms.Contains('w') && perms.Contains('m');
            if (wildcard || rwm || parts.Length < 3)
            {
                fails.Add(line);
            }
            else if (perms.Contains('w') || perms.Contains('m'))
            {
                warns.Add(line);
            }
            else
            {
                passes.Add(line);
            }
        }
    }
}
