using System.Collections.Generic;

namespace DockerHarden.Models
{
    /// <summary>The audit of one container: every selected rule's finding and the summary figures.</summary>
    public sealed class ContainerHardeningReport : HardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public ContainerHardeningReport(string name, string containerId, string image, string state, string dockerHost,
            IReadOnlyList<HardeningFinding> findings, Severity failOn)
            : base(findings, failOn)
        {
            Name = name;
            ContainerId = containerId;
            Image = image;
            State = state;
            DockerHost = dockerHost;
        }

        /// <summary>Container name without the leading slash.</summary>
        public string Name { get; }

        /// <summary>Full container id.</summary>
        public string ContainerId { get; }

        /// <summary>Image reference the container was created from.</summary>
        public string Image { get; }

        /// <summary>Engine state: created, running, exited, paused...</summary>
        public string State { get; }

        /// <summary>The engine endpoint that was audited.</summary>
        public string DockerHost { get; }

        /// <summary>For the container of a Swarm task (Get-ServiceHardening -IncludeTasks): the node it runs on; null otherwise.</summary>
        public string? Node { get; internal init; }
    }
}
