using System;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH001: membership of the docker group is root on the host, so only the allowed users hold it (guide §1, CIS 1.1.2).</summary>
    internal sealed class DockerGroupExclusive : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH001", nameof(DockerGroupExclusive), "Only the allowed users are in the docker group", Severity.High,
            "1", "1.1.2", "gpasswd -d USER docker");

        public override string Description => "Checks the members of the docker group (from /etc/group and getent): only the users named with -AllowedUser, or a single member when none is named, may belong to it.";

        public override string Rationale => "Membership of the docker group is root on the host: any member can start a privileged container or mount / into one. The guide asks for one dedicated user for Docker and no other member (CIS 1.1.2).";

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var facts = context.Facts;
            if (!TryGetHost(facts, out var host, out var notApplicable))
            {
                return notApplicable;
            }

            if (facts.Rootless)
            {
                return RuleOutcome.NotApplicable("the engine is rootless: its socket belongs to the user who runs it, the docker group grants nothing");
            }

            if (host.DockerGroup is not { } group)
            {
                return RuleOutcome.NotApplicable("the docker group could not be read from /etc/group or getent");
            }

            if (!group.Exists)
            {
                return RuleOutcome.Pass($"no docker group on this host ({group.Source}): only root can use the socket");
            }

            var members = group.Members;
            var listed = members.Count == 0 ? "no members" : $"members {string.Join(", ", members)}";
            if (context.AllowedUsers.Count > 0)
            {
                // Exact, case-sensitive names: Linux user names are case-sensitive.
                var others = members.Where(m => !context.AllowedUsers.Contains(m, StringComparer.Ordinal)).ToList();
                if (others.Count > 0)
                {
                    return RuleOutcome.Fail(
                        $"docker group has {string.Join(", ", others)} beyond the allowed {string.Join(", ", context.AllowedUsers)} ({group.Source})",
                        remediation: string.Join("; ", others.Select(u => $"gpasswd -d {u} docker")));
                }

                return RuleOutcome.Pass($"docker group has {listed}, all allowed ({group.Source})");
            }

            if (members.Count > 1)
            {
                return RuleOutcome.Fail(
                    $"docker group has {members.Count} members ({string.Join(", ", members)}) and no -AllowedUser names who may be there ({group.Source})",
                    remediation: "gpasswd -d USER docker for every user who does not need root on the host, or name the allowed ones with -AllowedUser");
            }

            return RuleOutcome.Pass($"docker group has {listed} ({group.Source})");
        }
    }
}
