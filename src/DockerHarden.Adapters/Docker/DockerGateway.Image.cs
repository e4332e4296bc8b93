using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerHarden.Facts;

namespace DockerHarden.Adapters.Docker
{
    /// <summary>List, inspect, history and export of local images: the engine side of Get-ImageHardening.</summary>
    internal sealed partial class DockerGateway
    {
        public Task<IReadOnlyList<ImageSummary>> ListImagesAsync(bool all, CancellationToken cancellationToken) => Call(async () =>
        {
            var images = await _client.Images.ListImagesAsync(new ImagesListParameters { All = all }, cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<ImageSummary>)images.Select(i => new ImageSummary
            {
                Id = i.ID ?? "",
                RepoTags = RealTags(i.RepoTags),
                RepoDigests = (i.RepoDigests ?? new List<string>()).Where(d => !d.StartsWith("<none>", StringComparison.Ordinal)).ToList(),
            }).ToList();
        }, cancellationToken);

        public Task<ImageAuditFacts?> GetImageAuditFactsAsync(string reference, CancellationToken cancellationToken) => Call(async () =>
        {
            ImageInspectResponse image;
            try
            {
                image = await _client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            // History is newest first; the rules read steps oldest first, as a Dockerfile is written.
            var history = await _client.Images.GetImageHistoryAsync(image.ID, cancellationToken).ConfigureAwait(false);
            var steps = history.Reverse().Select((h, i) => new BuildStep { Index = i + 1, Command = h.CreatedBy ?? "" }).ToList();
            var config = image.Config;
            return (ImageAuditFacts?)new ImageAuditFacts
            {
                Id = image.ID ?? "",
                RepoTags = RealTags(image.RepoTags),
                RepoDigests = image.RepoDigests?.ToList() ?? new List<string>(),
                User = config?.User ?? "",
                HealthcheckTest = config?.Healthcheck?.Test?.ToList() ?? new List<string>(),
                Environment = (config?.Env ?? new List<string>()).Select(EnvVarFact.FromEntry).ToList(),
                Labels = (config?.Labels ?? new Dictionary<string, string>()).Select(l => EnvVarFact.Of(l.Key, l.Value ?? "")).ToList(),
                History = steps,
                ExposedPorts = config?.ExposedPorts?.Keys.ToList() ?? new List<string>(),
                Created = Created(image.Created),
            };
        }, cancellationToken);

        public Task<Stream> ExportImageAsync(string id, CancellationToken cancellationToken) =>
            Call(() => _client.Images.SaveImageAsync(id, cancellationToken), cancellationToken);

        private static List<string> RealTags(IEnumerable<string>? tags) =>
            (tags ?? Enumerable.Empty<string>()).Where(t => !string.IsNullOrEmpty(t) && t != "<none>:<none>").ToList();

        private static DateTimeOffset? Created(DateTime? created) =>
            created is { } c && c.Year > 1970 ? new DateTimeOffset(DateTime.SpecifyKind(c, c.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : c.Kind)) : null;
    }
}
