using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Loading;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Views.Container;
using DockerHarden.Views.Daemon;
using DockerHarden.Views.Service;

namespace DockerHarden.Services
{
    /// <summary>What Get-ServiceHardening asks of every manager.</summary>
    internal sealed class ServiceAuditRequest
    {
        public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();
        public IReadOnlyList<ContainerRule> Rules { get; init; } = Array.Empty<ContainerRule>();
        public bool IncludeTasks { get; init; }
        public Severity MinimumSeverity { get; init; } = Severity.Info;
        public Severity FailOn { get; init; } = Severity.High;
        public Func<IEnumerable<HardeningFinding>, IReadOnlyList<HardeningFinding>> Waive { get; init; } = f => f.ToList();
    }

    /// <summary>One manager's audit; <see cref="Error"/> or <see cref="Refusal"/> is set when it could not be audited.</summary>
    internal sealed class ServiceAuditResult
    {
        public string Endpoint { get; init; } = "";
        public IReadOnlyList<ServiceHardeningReport> Reports { get; init; } = Array.Empty<ServiceHardeningReport>();
        public IReadOnlyList<string> UnmatchedNames { get; init; } = Array.Empty<string>();
        /// <summary>Tasks whose container runs on another node: not inspectable through this engine.</summary>
        public IReadOnlyList<string> RemoteTasks { get; init; } = Array.Empty<string>();
        public int Listed { get; init; }
        public EngineException? Error { get; init; }
        /// <summary>The engine answered but is no swarm manager: (error id, message).</summary>
        public (string ErrorId, string Message)? Refusal { get; init; }
    }

    /// <summary>Get-ServiceHardening's work for one manager: one info, one service list, images and tasks as asked.</summary>
    internal static class ServiceAuditService
    {
        public static async Task<ServiceAuditResult> RunAsync(string? dockerHost, ServiceAuditRequest request, CancellationToken cancellationToken)
        {
            string endpoint = dockerHost ?? "";
            try
            {
                using var gateway = Engines.Open(dockerHost);
                endpoint = gateway.Endpoint;
                var swarm = await gateway.GetSwarmEngineFactsAsync(cancellationToken).ConfigureAwait(false);
                if (Refuse(swarm) is { } refusal)
                {
                    return new ServiceAuditResult { Endpoint = endpoint, Refusal = refusal };
                }

                var (noNewPrivileges, source) = LocalDaemonProbe.NoNewPrivilegesDefault(gateway.Endpoint);
                swarm = swarm with { Engine = swarm.Engine with { NoNewPrivilegesByDefault = noNewPrivileges, NoNewPrivilegesSource = source } };
                var services = await gateway.ListServicesAsync(cancellationToken).ConfigureAwait(false);
                // The container selection's rules (wildcards, exact names and ids, unique id prefixes, labels) serve services as they are.
                var summaries = services.Select(s => new ContainerSummary { Id = s.Id, Names = new[] { s.Name }, Labels = s.Labels, State = "running" }).ToList();
                var selection = ContainerSelection.Select(summaries, request.Names, request.Labels, allStates: true);
                var chosen = selection.Selected.Select(c => services.First(s => s.Id == c.Id)).ToList();
                var images = await ImagesAsync(gateway, chosen, cancellationToken).ConfigureAwait(false);
                var fleet = ServiceAuditor.Fleet(services);
                var remote = new List<string>();
                var reports = new List<ServiceHardeningReport>(chosen.Count);
                foreach (var service in chosen)
                {
                    var tasks = request.IncludeTasks
                        ? await TaskReportsAsync(gateway, service, swarm, request, remote, cancellationToken).ConfigureAwait(false)
                        : null;
                    var findings = ServiceAuditor.Evaluate(service, images.TryGetValue(service.Image, out var image) ? image : null, swarm, fleet, request.Rules);
                    reports.Add(ServiceAuditor.Report(service, swarm, findings, request.MinimumSeverity, request.FailOn, request.Waive, tasks));
                }

                return new ServiceAuditResult
                {
                    Endpoint = endpoint, Reports = reports, UnmatchedNames = selection.UnmatchedNames, RemoteTasks = remote, Listed = services.Count,
                };
            }
            catch (EngineException e)
            {
                return new ServiceAuditResult { Endpoint = e.Endpoint.Length > 0 ? e.Endpoint : endpoint, Error = e };
            }
        }

        private static (string, string)? Refuse(SwarmEngineFacts swarm)
        {
            if (!string.Equals(swarm.LocalNodeState, "active", StringComparison.OrdinalIgnoreCase))
            {
                return ("SwarmNotActive", $"The engine at {swarm.Endpoint} is not part of an active swarm (swarm state: " +
                    $"{(swarm.LocalNodeState.Length == 0 ? "unknown" : swarm.LocalNodeState)}): it has no services. Point -DockerHost at a swarm manager.");
            }

            return swarm.IsManager ? null
                : ("SwarmNodeNotManager", $"The engine at {swarm.Endpoint} is a swarm worker: only a manager lists services. Point -DockerHost at a manager (docker node ls shows them).");
        }

        // The image decides USER and HEALTHCHECK when the spec leaves them out: asked once per image, on the manager only.
        private static async Task<Dictionary<string, ServiceImage>> ImagesAsync(IDockerGateway gateway, IEnumerable<SwarmServiceFacts> services,
            CancellationToken cancellationToken)
        {
            var result = new Dictionary<string, ServiceImage>(StringComparer.Ordinal);
            foreach (var reference in services.Where(s => s.User.Length == 0 || s.HealthcheckTest is null).Select(s => s.Image)
                         .Where(i => i.Length > 0).Distinct(StringComparer.Ordinal))
            {
                // A reference the manager pinned (name:tag@sha256:...) may be local only under its name:tag.
                var facts = await gateway.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
                var at = reference.IndexOf('@');
                if (facts is null && at > 0)
                {
                    facts = await gateway.InspectImageAsync(reference.Substring(0, at), cancellationToken).ConfigureAwait(false);
                }

                result[reference] = new ServiceImage(reference, facts, gateway.Endpoint);
            }

            return result;
        }

        // Each running task's container, when it runs on this engine's node; the others are named for the caller.
        private static async Task<IReadOnlyList<ContainerHardeningReport>> TaskReportsAsync(IDockerGateway gateway, SwarmServiceFacts service,
            SwarmEngineFacts swarm, ServiceAuditRequest request, List<string> remote, CancellationToken cancellationToken)
        {
            var tasks = await gateway.ListServiceTasksAsync(service.Id, cancellationToken).ConfigureAwait(false);
            var reports = new List<ContainerHardeningReport>();
            FleetFacts? fleet = null;
            foreach (var task in tasks.Where(t => t.ContainerId.Length > 0))
            {
                if (task.NodeId != swarm.NodeId)
                {
                    remote.Add($"task {TaskName(service, task)} runs on node {task.Node}: audit its container there (Get-ContainerHardening -DockerHost <that node>)");
                    continue;
                }

                fleet ??= FleetBuilder.FromList(await gateway.ListContainersAsync(cancellationToken).ConfigureAwait(false));
                var facts = await gateway.InspectContainerAsync(task.ContainerId, cancellationToken).ConfigureAwait(false);
                if (facts is null)
                {
                    continue;
                }

                reports.Add(ContainerAuditor.Report(facts, swarm.Engine, fleet, request.Rules, request.MinimumSeverity, request.FailOn, request.Waive, task.Node));
            }

            return reports;
        }

        private static string TaskName(SwarmServiceFacts service, SwarmTaskFacts task) =>
            task.Slot is { } slot ? $"{service.Name}.{slot}" : $"{service.Name}.{task.NodeId}";
    }
}
