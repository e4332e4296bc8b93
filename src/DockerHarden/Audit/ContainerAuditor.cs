using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;

namespace DockerHarden.Audit
{
    /// <summary>Inspects the selected containers with bounded concurrency and turns their facts into reports.</summary>
    internal static class ContainerAuditor
    {
        /// <summary>
        /// Starts every inspect at once, at most <paramref name="throttle"/> in flight, and yields the results in
        /// selection order as they arrive; a null fact means the container vanished after the list call.
        /// </summary>
        public static IEnumerable<(ContainerSummary Summary, ContainerFacts? Facts)> InspectAll(IDockerGateway gateway,
            IReadOnlyList<ContainerSummary> selected, int throttle, CancellationToken cancellationToken)
        {
            using var gate = new SemaphoreSlim(throttle);
            var inspects = selected.Select(async summary =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await gateway.InspectContainerAsync(summary.Id, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    gate.Release();
                }
            }).ToList();

            try
            {
                for (int i = 0; i < selected.Count; i++)
                {
                    yield return (selected[i], inspects[i].GetAwaiter().GetResult());
                }
            }
            finally
            {
                // Do not dispose the gate under inspects still in flight (an early stop or an error).
                Task.WaitAll(inspects.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)).ToArray());
            }
        }

        /// <summary>Evaluates the rules over one container's facts.</summary>
        public static ContainerHardeningReport Report(ContainerFacts facts, EngineFacts engine, FleetFacts fleet,
            IReadOnlyList<ContainerRule> rules, Severity minimumSeverity, Severity failOn)
        {
            var findings = RuleEngine.Evaluate(rules, new ContainerContext(facts, engine, fleet))
                .Where(f => f.Severity >= minimumSeverity)
                .ToList();
            return new ContainerHardeningReport(facts.Name, facts.Id, facts.Image, facts.State, engine.Endpoint, findings, failOn);
        }
    }
}
