using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Loading;
using DockerHarden.Models;
using DockerHarden.Rules.Image;
using DockerHarden.Views.Container;
using DockerHarden.Views.Image;

namespace DockerHarden.Services
{
    /// <summary>The images Get-ImageHardening asks one engine for.</summary>
    internal sealed class ImageQuery
    {
        /// <summary>Names, repo:tag references, ids and wildcards; empty: every image in the list.</summary>
        public IReadOnlyList<string> Names { get; init; } = Array.Empty<string>();
        /// <summary>-All: intermediate images too.</summary>
        public bool All { get; init; }
    }

    /// <summary>What one engine gave: reports, the names it does not have, layer scans that failed, or the engine failure.</summary>
    internal sealed class ImageAuditResult
    {
        public string Endpoint { get; init; } = "";
        public IReadOnlyList<ImageHardeningReport> Reports { get; init; } = Array.Empty<ImageHardeningReport>();
        public IReadOnlyList<string> NotFound { get; init; } = Array.Empty<string>();
        public IReadOnlyList<string> Warnings { get; init; } = Array.Empty<string>();
        public EngineException? Error { get; init; }
    }

    /// <summary>Get-ImageHardening's work for one engine: select, inspect with history, scan the layers, report.</summary>
    internal static class ImageAuditService
    {
        public static async Task<ImageAuditResult> RunAsync(string? dockerHost, ImageQuery query, ImageAuditOptions options,
            AuditProgress progress, CancellationToken cancellationToken)
        {
            try
            {
                using var gateway = Engines.Open(dockerHost);
                var notFound = new List<string>();
                var selected = await SelectAsync(gateway, query, notFound, cancellationToken).ConfigureAwait(false);
                progress.AddTotal(selected.Count);
                var scan = !options.SkipLayerScan && options.Rules.OfType<NoUnexpectedSetIdFiles>().Any();
                var reports = new List<ImageHardeningReport>();
                var warnings = new List<string>();
                foreach (var (asked, reference) in selected)
                {
                    var facts = await gateway.GetImageAuditFactsAsync(asked, cancellationToken).ConfigureAwait(false);
                    if (facts is null)
                    {
                        notFound.Add(asked);
                        progress.AddDone();
                        continue;
                    }

                    facts = facts with { Reference = reference ?? ImageAuditor.ReferenceFor(asked, facts) };
                    facts = scan
                        ? await ScanAsync(gateway, facts, warnings, cancellationToken).ConfigureAwait(false)
                        : facts with { LayerScanNote = options.SkipLayerScan ? "the layers were not scanned (-SkipLayerScan)" : "the layer scan's rule is not selected" };
                    reports.Add(ImageAuditor.Report(facts, options, gateway.Endpoint));
                    progress.AddDone();
                }

                return new ImageAuditResult { Endpoint = gateway.Endpoint, Reports = reports, NotFound = notFound, Warnings = warnings };
            }
            catch (EngineException e)
            {
                return new ImageAuditResult { Endpoint = e.Endpoint, Error = e };
            }
        }

        /// <summary>
        /// (what to inspect, the reference to judge it by, or null to derive it). Plain names go to the engine as
        /// given (it resolves tags, ids, short ids and digests); wildcards and "every image" read the list once.
        /// </summary>
        private static async Task<List<(string Asked, string? Reference)>> SelectAsync(IDockerGateway gateway, ImageQuery query,
            List<string> notFound, CancellationToken cancellationToken)
        {
            var selected = new List<(string, string?)>();
            var patterns = query.Names.Where(ImageAuditor.IsPattern).ToList();
            IReadOnlyList<ImageSummary> list = Array.Empty<ImageSummary>();
            if (query.Names.Count == 0 || patterns.Count > 0)
            {
                list = await gateway.ListImagesAsync(query.All, cancellationToken).ConfigureAwait(false);
            }

            if (query.Names.Count == 0)
            {
                selected.AddRange(list.Select(i => (i.Id, (string?)(i.RepoTags.FirstOrDefault() ?? ""))));
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in query.Names.Distinct(StringComparer.Ordinal))
            {
                if (!ImageAuditor.IsPattern(name))
                {
                    selected.Add((name, null));
                    continue;
                }

                var matches = ImageAuditor.Match(name, list).ToList();
                if (matches.Count == 0)
                {
                    notFound.Add(name);
                }

                selected.AddRange(matches.Where(m => seen.Add(m.Image.Id)).Select(m => (m.Image.Id, (string?)m.Reference)));
            }

            return selected;
        }

        /// <summary>Streams the image archive through the layer scan; a failed scan leaves DH306 undecided, with a warning.</summary>
        private static async Task<ImageAuditFacts> ScanAsync(IDockerGateway gateway, ImageAuditFacts facts, List<string> warnings,
            CancellationToken cancellationToken)
        {
            try
            {
                using var archive = await gateway.ExportImageAsync(facts.Id, cancellationToken).ConfigureAwait(false);
                var files = await Task.Run(() => ImageArchiveScanner.Scan(archive, cancellationToken), cancellationToken).ConfigureAwait(false);
                return facts with { SetIdFiles = files };
            }
            catch (Exception e) when (e is System.IO.IOException or System.IO.InvalidDataException or FormatException or EngineException)
            {
                var note = $"the layer scan of {ImageAuditor.ShortId(facts.Id)} failed: {e.Message}";
                warnings.Add(note);
                return facts with { LayerScanNote = note };
            }
        }
    }
}
