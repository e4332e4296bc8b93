using DockerHarden.Models;
using DockerHarden.Rules.Container;

namespace DockerHarden.Rules
{
    /// <summary>
    /// Which bind-mount sources the mount rules (DH105, DH106) condemn, for views that must drop or refuse such
    /// mounts before a container exists. The path lists live in the rules; this only asks them.
    /// </summary>
    internal static class SensitiveMounts
    {
        /// <summary>The rule id and severity that a bind of this host path would fail, or null when it is not sensitive.</summary>
        public static (string RuleId, Severity Severity)? Classify(string hostPath)
        {
            if (NoDockerSocketMount.IsEngineSocket(hostPath))
            {
                return ("DH106", Severity.Critical);
            }

            return NoSensitiveHostMounts.Classify(hostPath) is { } severity ? ("DH105", severity) : null;
        }
    }
}
