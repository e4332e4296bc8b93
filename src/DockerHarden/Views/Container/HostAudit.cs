using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Loading;
using DockerHarden.Models;
using DockerHarden.Views.Daemon;

namespace DockerHarden.Views.Container
{
    /// <summary>Which containers to audit on each engine.</summary>
    internal sealed class ContainerQuery
    {
        public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> Labels { get; init; } = Array.Empty<string>();
        public bool AllStates { get; init; }
        public int Throttle { get; init; } = 8;
    }

    /// <summary>Containers selected and done so far, across every engine, for the progress bar.</summary>
    internal sealed class AuditProgress
    {
        private int _total;
        private int _done;

        public int Total => Volatile.Read(ref _total);
        public int Done => Volatile.Read(ref _done);
        public void AddTotal(int count) => Interlocked.Add(ref _total, count);
        public void AddDone() => Interlocked.Increment(ref _done);
    }

    /// <summary>What one engine's audit produced; <see cref="Error"/> is set when the engine could not be audited.</summary>
    internal sealed class HostAuditResult
    {
        public string Endpoint { get; init; } = "";
        public IReadOnlyList<ContainerHardeningReport> Reports { get; init; } = Array.Empty<ContainerHardeningReport>();
        public IReadOnlyList<string> UnmatchedNames { get; init; } = Array.Empty<string>();
        /// <summary>Containers that disappeared between the list and their inspect.</summary>
        public IReadOnlyList<string> Vanished { get; init; } = Array.Empty<string>();
        public EngineException? Error { get; init; }
        /// <summary>How many containers the engine listed, and how many of them were selected and inspected (for -Verbose).</summary>
        public int Listed { get; init; }
        public int Inspected { get; init; }
    }

    /// <summary>Audits the containers of one engine: one list, one info, bounded concurrent inspects, all rules.</summary>
    internal static class HostAudit
    {
        public delegate ContainerHardeningReport ReportBuilder(ContainerFacts container, EngineFacts engine, FleetFacts fleet);

        public static async Task<HostAuditResult> RunAsync(string? dockerHost, ContainerQuery query,
            ReportBuilder report, AuditProgress progress, CancellationToken cancellationToken)
        {
            string endpoint = dockerHost ?? "";
            try
            {
                using var gateway = Engines.Open(dockerHost);
                endpoint = gateway.Endpoint;
                var infoTask = gateway.GetEngineFactsAsync(cancellationToken);
                var containers = await gateway.ListContainersAsync(cancellationToken).ConfigureAwait(false);
                var (noNewPrivileges, source) = LocalDaemonProbe.NoNewPrivilegesDefault(gateway.Endpoint);
                var engine = await infoTask.ConfigureAwait(false) with { NoNewPrivilegesByDefault = noNewPrivileges, NoNewPrivilegesSource = source };

                var selection = ContainerSelection.Select(containers, query.Names, query.Labels, query.AllStates);
                progress.AddTotal(selection.Selected.Count);
                var fleet = FleetBuilder.FromList(containers);
                var facts = await ContainerAuditor.InspectAllAsync(gateway, selection.Selected, query.Throttle, progress, cancellationToken)
                    .ConfigureAwait(false);

                var audited = facts.Where(f => f.Facts is not null).Select(f => f.Facts!).ToList();
                fleet = new FleetFacts
                {
                    NetworkMembers = fleet.NetworkMembers,
                    Known = await ContainerAuditor.WithJoinedAsync(gateway, audited, cancellationToken).ConfigureAwait(false),
                };
                return new HostAuditResult
                {
                    Endpoint = endpoint,
                    Reports = audited.Select(f => report(f, engine, fleet)).ToList(),
                    Vanished = facts.Where(f => f.Facts is null).Select(f => f.Summary.Names.FirstOrDefault() ?? f.Summary.Id).ToList(),
                    UnmatchedNames = selection.UnmatchedNames,
                    Listed = containers.Count,
                    Inspected = selection.Selected.Count,
                };
            }
            catch (EngineException e)
            {
                return new HostAuditResult { Endpoint = e.Endpoint.Length > 0 ? e.Endpoint : endpoint, Error = e };
            }
        }
    }
}
