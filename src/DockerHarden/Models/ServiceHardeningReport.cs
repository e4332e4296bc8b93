using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Models
{
    /// <summary>The audit of one Swarm service's task template: every selected rule's finding and the summary figures.</summary>
    public sealed class ServiceHardeningReport : HardeningReport
    {
        /// <summary>Creates a report; the summary figures are derived from the findings.</summary>
        public ServiceHardeningReport(string name, string serviceId, string image, string mode, string dockerHost, string apiVersion,
            IReadOnlyList<HardeningFinding> findings, Severity failOn, IEnumerable<ContainerHardeningReport>? tasks = null)
            : base(findings, failOn)
        {
            Name = name;
            ServiceId = serviceId;
            Image = image;
            Mode = mode;
            DockerHost = dockerHost;
            ApiVersion = apiVersion;
            Tasks = tasks?.ToArray() ?? Array.Empty<ContainerHardeningReport>();
        }

        /// <summary>The service name.</summary>
        public string Name { get; }

        /// <summary>Full service id.</summary>
        public string ServiceId { get; }

        /// <summary>The image of the task template (with its digest when the manager pinned one).</summary>
        public string Image { get; }

        /// <summary>replicated, global, replicated-job or global-job.</summary>
        public string Mode { get; }

        /// <summary>The swarm manager's endpoint that was asked.</summary>
        public string DockerHost { get; }

        /// <summary>The API version the manager reported: it decides which settings a service can express.</summary>
        public string ApiVersion { get; }

        /// <summary>With -IncludeTasks: the report of each running task's container (Node says where it runs); empty otherwise.</summary>
        public ContainerHardeningReport[] Tasks { get; }
    }
}
