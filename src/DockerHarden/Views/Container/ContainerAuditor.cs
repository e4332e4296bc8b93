using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Views.Container
{
    /// <summary>Inspects the selected containers with bounded concurrency and turns their facts into reports.</summary>
    internal static class ContainerAuditor
    {
        /// <summary>
        /// Inspects the selected containers, at most <paramref name="throttle"/> at a time, and returns the facts in
        /// selection order; a null fact means the container vanished after the list call.
        /// </summary>
        public static async Task<IReadOnlyList<(ContainerSummary Summary, ContainerFacts? Facts)>> InspectAllAsync(IDockerGateway gateway,
            IReadOnlyList<ContainerSummary> selected, int throttle, AuditProgress progress, CancellationToken cancellationToken)
        {
            using var gate = new SemaphoreSlim(throttle);
            var inspects = selected.Select(async summary =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return (summary, await gateway.InspectContainerAsync(summary.Id, cancellationToken).ConfigureAwait(false));
                }
                finally
                {
                    gate.Release();
                    progress.AddDone();
                }
            }).ToList();

            try
            {
                return await Task.WhenAll(inspects).ConfigureAwait(false);
            }
            finally
            {
                // Never dispose the gate under inspects still in flight (one failed while others run).
                await Task.WhenAll(inspects.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The audited containers plus every container their network, PID and IPC modes join (container:X), followed
        /// down chains: one extra inspect per distinct joined container that was not audited, each reference asked at
        /// most once, so a loop or a vanished container ends the walk.
        /// </summary>
        public static async Task<IReadOnlyList<ContainerFacts>> WithJoinedAsync(IDockerGateway gateway, IReadOnlyList<ContainerFacts> audited,
            CancellationToken cancellationToken)
        {
            var known = new List<ContainerFacts>(audited);
            var asked = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Queue<ContainerFacts>(audited);
            while (pending.Count > 0)
            {
                var c = pending.Dequeue();
                foreach (var reference in JoinReferences(c))
                {
                    var fleet = new FleetFacts { Known = known };
                    if (fleet.Find(reference) is not null || !asked.Add(reference))
                    {
                        continue;
                    }

                    var joined = await gateway.InspectContainerAsync(reference, cancellationToken).ConfigureAwait(false);
                    if (joined is not null && known.All(k => k.Id != joined.Id))
                    {
                        known.Add(joined);
                        pending.Enqueue(joined);
                    }
                }
            }

            return known;
        }

        private static IEnumerable<string> JoinReferences(ContainerFacts c) =>
            new[] { c.NetworkMode, c.PidMode, c.IpcMode }
                .Where(NamespaceModes.IsContainer)
                .Select(m => m.Trim().Substring("container:".Length).Trim())
                .Where(r => r.Length > 0)
                .Distinct(StringComparer.Ordinal);

        /// <summary>Evaluates the rules over one container's facts; <paramref name="node"/> names the swarm node of a task's container.</summary>
        public static ContainerHardeningReport Report(ContainerFacts facts, EngineFacts engine, FleetFacts fleet,
            IReadOnlyList<ContainerRule> rules, Severity minimumSeverity, Severity failOn,
            Func<IEnumerable<HardeningFinding>, IReadOnlyList<HardeningFinding>> waive, string? node = null)
        {
            var findings = waive(RuleEngine.Evaluate(rules, new ContainerContext(facts, engine, fleet))
                .Where(f => f.Severity >= minimumSeverity));
            return new ContainerHardeningReport(facts.Name, facts.Id, facts.Image, facts.State, engine.Endpoint, findings, failOn) { Node = node };
        }
    }
}
