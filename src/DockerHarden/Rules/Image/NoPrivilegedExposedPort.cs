using System.Linq;
using DockerHarden.Models;
using DockerHarden.Rules.Container;

namespace DockerHarden.Rules.Image
{
    /// <summary>DH309: the image exposes no port below 1024, which a non-root process cannot bind.</summary>
    internal sealed class NoPrivilegedExposedPort : ImageRule
    {
        public override RuleInfo Info { get; } = new(
            "DH309", nameof(NoPrivilegedExposedPort), "Expose unprivileged ports (1024 and above)", Severity.Low,
            "-", "-", "listen on 8080 (or another port >= 1024) and EXPOSE 8080; map it on the host with -p 80:8080 if needed");

        public override string Description => "Checks the image's EXPOSE list for ports between 1 and 1023.";

        public override string Rationale =>
            "A process binds a port below 1024 only as root or with NET_BIND_SERVICE: an image that listens there pushes its containers to keep a privilege they otherwise would not need.";

        public override RuleOutcome Evaluate(ImageContext context)
        {
            var ports = context.Image.ExposedPorts;
            if (ports.Count == 0)
            {
                return RuleOutcome.NotApplicable("the image exposes no port");
            }

            var privileged = ports.Where(p => NoPrivilegedHostPort.IsPrivileged(p.Split('/')[0])).ToList();
            return privileged.Count > 0
                ? RuleOutcome.Fail("exposes port(s) below 1024: " + string.Join(", ", privileged))
                : RuleOutcome.Pass("exposed ports are 1024 or above: " + string.Join(", ", ports));
        }
    }
}
