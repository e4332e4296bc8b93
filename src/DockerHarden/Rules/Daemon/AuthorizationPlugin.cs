using DockerHarden.Models;

namespace DockerHarden.Rules.Daemon
{
    /// <summary>DH018: an authorization plugin can limit what each client may ask of the daemon (CIS 2.12).</summary>
    internal sealed class AuthorizationPlugin : DaemonRule
    {
        public override RuleInfo Info { get; } = new(
            "DH018", nameof(AuthorizationPlugin), "Use an authorization plugin", Severity.Info,
            "-", "2.12", "daemon.json \"authorization-plugins\": [\"PLUGIN\"] (for example opa-docker-authz)");

        public override string Description => "Checks whether the daemon has an authorization plugin.";

        public override string Rationale => "Without one, every client of the socket may do everything the API allows; an authorization plugin can refuse privileged containers, host mounts and the like per user (CIS 2.12).";

        public override RuleOutcome Evaluate(DaemonContext context)
        {
            var plugins = context.Facts.Engine.AuthorizationPlugins;
            return plugins.Count > 0
                ? RuleOutcome.Pass($"authorization plugins: {string.Join(", ", plugins)}")
                : RuleOutcome.Fail("no authorization plugin: every client of the socket may do everything");
        }
    }
}
