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

namespace DockerHarden.Services
{
    /// <summary>What Test-DaemonHardening asks of every engine.</summary>
    internal sealed class DaemonAuditRequest
    {
        public IReadOnlyList<DaemonRule> Rules { get; init; } = Array.Empty<DaemonRule>();
        /// <summary>-DaemonConfigPath, resolved; null: the file the serving dockerd reads.</summary>
        public string? ConfigPath { get; init; }
        public IReadOnlyCollection<string> AllowedUsers { get; init; } = Array.Empty<string>();
        public Severity FailOn { get; init; } = Severity.High;
        public Func<IEnumerable<HardeningFinding>, IReadOnlyList<HardeningFinding>> Waive { get; init; } = f => f.ToList();
    }

    /// <summary>Test-DaemonHardening's work for one engine: its info, the host facts the rules read, the report.</summary>
    internal static class DaemonAuditService
    {
        /// <summary>Audits one engine; an engine failure is returned, not thrown, so the other engines go on.</summary>
        public static async Task<(DaemonHardeningReport? Report, EngineException? Error)> RunAsync(string? dockerHost, DaemonAuditRequest request,
            CancellationToken cancellationToken)
        {
            try
            {
                using var gateway = Engines.Open(dockerHost);
                var engine = await gateway.GetDaemonEngineFactsAsync(cancellationToken).ConfigureAwait(false);
                var sysctls = request.Rules.OfType<IReadsSysctls>().SelectMany(r => r.Sysctls).Distinct(StringComparer.Ordinal).ToList();
                var facts = DaemonFactsCollector.Collect(engine, request.ConfigPath, sysctls);
                return (DaemonAuditor.Report(facts, request.Rules, request.AllowedUsers, request.FailOn, request.Waive), null);
            }
            catch (EngineException e)
            {
                return (null, e);
            }
        }
    }
}
