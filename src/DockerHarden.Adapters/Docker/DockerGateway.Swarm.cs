using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerHarden.Facts;

namespace DockerHarden.Adapters.Docker
{
    internal sealed partial class DockerGateway
    {
        public Task<SwarmEngineFacts> GetSwarmEngineFactsAsync(CancellationToken cancellationToken) => Call(async () =>
        {
            var infoTask = _client.System.GetSystemInfoAsync(cancellationToken);
            var version = await _client.System.GetVersionAsync(cancellationToken).ConfigureAwait(false);
            var info = await infoTask.ConfigureAwait(false);
            return new SwarmEngineFacts
            {
                Endpoint = Endpoint,
                ApiVersion = version.APIVersion ?? "",
                LocalNodeState = info.Swarm?.LocalNodeState ?? "",
                IsManager = info.Swarm?.ControlAvailable ?? false,
                NodeId = info.Swarm?.NodeID ?? "",
                Engine = ToEngineFacts(info),
            };
        }, cancellationToken);

        public Task<IReadOnlyList<SwarmServiceFacts>> ListServicesAsync(CancellationToken cancellationToken) => Call(async () =>
        {
            var services = await _client.Swarm.ListServicesAsync(new ServiceListParameters(), cancellationToken).ConfigureAwait(false);
            // A service names its networks by id; each distinct one is asked once.
            var networks = new ConcurrentDictionary<string, SwarmNetworkFact>(StringComparer.Ordinal);
            var targets = services.SelectMany(s => s.Spec?.TaskTemplate?.Networks ?? new List<NetworkAttachmentConfig>())
                .Select(n => n.Target ?? "").Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            await Task.WhenAll(targets.Select(async t => networks[t] = await NetworkAsync(t, cancellationToken).ConfigureAwait(false)))
                .ConfigureAwait(false);
            return (IReadOnlyList<SwarmServiceFacts>)services.Select(s => ServiceMapper.ToFacts(s, networks)).ToList();
        }, cancellationToken);

        public Task<IReadOnlyList<SwarmTaskFacts>> ListServiceTasksAsync(string serviceId, CancellationToken cancellationToken) => Call(async () =>
        {
            var filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["service"] = new Dictionary<string, bool> { [serviceId] = true },
                ["desired-state"] = new Dictionary<string, bool> { ["running"] = true },
            };
            var tasksCall = _client.Tasks.ListAsync(new TasksListParameters { Filters = filters }, cancellationToken);
            var nodes = await _client.Swarm.ListNodesAsync(cancellationToken).ConfigureAwait(false);
            var tasks = await tasksCall.ConfigureAwait(false);
            var names = nodes.ToDictionary(n => n.ID, n => n.Description?.Hostname ?? n.ID, StringComparer.Ordinal);
            return (IReadOnlyList<SwarmTaskFacts>)tasks.Where(t => t.ServiceID == serviceId).Select(t => new SwarmTaskFacts
            {
                Id = t.ID ?? "",
                ServiceId = t.ServiceID ?? "",
                Slot = t.Slot is { } slot ? (long)slot : null,
                NodeId = t.NodeID ?? "",
                Node = t.NodeID is { } id && names.TryGetValue(id, out var name) ? name : t.NodeID ?? "",
                State = t.Status?.State?.ToString().ToLowerInvariant() ?? "",
                DesiredState = t.DesiredState?.ToString().ToLowerInvariant() ?? "",
                ContainerId = t.Status?.ContainerStatus?.ContainerID ?? "",
            }).ToList();
        }, cancellationToken);

        private async Task<SwarmNetworkFact> NetworkAsync(string target, CancellationToken cancellationToken)
        {
            try
            {
                var n = await _client.Networks.InspectNetworkAsync(target, cancellationToken).ConfigureAwait(false);
                return new SwarmNetworkFact
                {
                    Target = target,
                    Name = n.Name ?? target,
                    Driver = n.Driver ?? "",
                    Ingress = n.Ingress,
                    Encrypted = n.Options?.ContainsKey("encrypted") ?? false,
                };
            }
            catch (DockerNetworkNotFoundException)
            {
                return new SwarmNetworkFact { Target = target, Name = target };
            }
        }
    }
}
