using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH003: the socket is root:docker and 660 at most, compared as bits (guide §1, CIS 3.15, 3.16).</summary>
    internal sealed class DockerSocketPermissions : DaemonRule
    {
        private const int MaxMode = 0b110_110_000; // 0660

        public override RuleInfo Info { get; } = new(
            "DH003", nameof(DockerSocketPermissions), "The Docker socket is owned by root:docker with mode 660 or less", Severity.High,
            "1", "3.15, 3.16", "chown root:docker SOCKET; chmod 660 SOCKET");

        public override string Description => "Checks the owner, group and mode bits of the Docker socket: root:docker and nothing beyond 660.";

        public override string Rationale => "Whoever can write to the socket can drive the engine as root; a group or world bit beyond 660 hands that to every local user (CIS 3.15, 3.16).";

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var facts = context.Facts;
            if (!TryGetHost(facts, out var host, out var notApplicable))
            {
                return notApplicable;
            }

            if (host.Socket is not { } socket)
            {
                return RuleOutcome.NotApplicable(host.SocketError.Length > 0 ? host.SocketError : "the endpoint is not a unix socket");
            }

            var problems = new System.Collections.Generic.List<string>();
            // Bits, not numbers: 0606 is "less" than 0660 as a number yet lets everyone write.
            var extra = socket.Mode & 0b111_111_111_111 & ~MaxMode;
            if (extra != 0)
            {
                problems.Add($"mode {socket.ModeText} grants {System.Convert.ToString(extra, 8).PadLeft(4, '0')} beyond 0660");
            }

            var expectedUid = facts.Rootless ? host.DaemonUid ?? 0 : 0;
            if (socket.Uid != expectedUid)
            {
                problems.Add($"owner is {socket.Owner} (uid {socket.Uid}), not {(facts.Rootless ? $"the daemon's user (uid {expectedUid})" : "root")}");
            }

            if (!facts.Rootless && socket.Group != "docker" && socket.Gid != 0)
            {
                problems.Add($"group is {socket.Group}, not docker");
            }

            return problems.Count > 0
                ? RuleOutcome.Fail($"{socket}: {string.Join("; ", problems)}")
                : RuleOutcome.Pass(socket.ToString());
        }
    }
}
