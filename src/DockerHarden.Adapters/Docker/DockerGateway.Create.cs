using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using DockerHarden.Facts;
using ContainerSpec = DockerHarden.Facts.ContainerSpec;
using NetworkSpec = DockerHarden.Facts.NetworkSpec;

namespace DockerHarden.Adapters.Docker
{
    /// <summary>Create, start, swap and remove: the engine side of New-HardenedContainer.</summary>
    internal sealed partial class DockerGateway
    {
        public Task<ImageFacts?> InspectImageAsync(string reference, CancellationToken cancellationToken) => Call(async () =>
        {
            try
            {
                var image = await _client.Images.InspectImageAsync(reference, cancellationToken).ConfigureAwait(false);
                var config = image.Config;
                return (ImageFacts?)new ImageFacts
                {
                    Id = image.ID ?? "",
                    Reference = reference,
                    User = config?.User ?? "",
                    HealthcheckTest = config?.Healthcheck?.Test?.ToList() ?? new List<string>(),
                    ExposedPorts = config?.ExposedPorts?.Keys.ToList() ?? new List<string>(),
                    Cmd = config?.Cmd?.ToList() ?? new List<string>(),
                    Entrypoint = config?.Entrypoint?.ToList() ?? new List<string>(),
                    Volumes = config?.Volumes?.Keys.ToList() ?? new List<string>(),
                };
            }
            catch (DockerApiException e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
        }, cancellationToken);

        public Task<IReadOnlyList<string>> ListImageReferencesAsync(CancellationToken cancellationToken) => Call(async () =>
        {
            var images = await _client.Images.ListImagesAsync(new ImagesListParameters(), cancellationToken).ConfigureAwait(false);
            return (IReadOnlyList<string>)images
                .SelectMany(i => i.RepoTags ?? new List<string>())
                .Where(t => !string.IsNullOrEmpty(t) && t != "<none>:<none>")
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }, cancellationToken);

        public Task<ContainerCreateConfig?> GetCreateConfigAsync(string id, CancellationToken cancellationToken) => Call(async () =>
        {
            try
            {
                var inspect = await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
                var config = inspect.Config ?? new ContainerConfig();
                var health = config.Healthcheck;
                return (ContainerCreateConfig?)new ContainerCreateConfig
                {
                    Image = config.Image ?? inspect.Image ?? "",
                    Env = config.Env?.ToList() ?? new List<string>(),
                    Cmd = config.Cmd?.ToList(),
                    Entrypoint = config.Entrypoint?.ToList(),
                    WorkingDir = config.WorkingDir ?? "",
                    ExposedPorts = config.ExposedPorts?.Keys.ToList() ?? new List<string>(),
                    Volumes = (inspect.Mounts ?? new List<MountPoint>())
                        .Where(m => string.Equals(m.Type, "volume", StringComparison.OrdinalIgnoreCase))
                        .Select(m => new MountSpec { Type = "volume", Source = m.Name ?? "", Target = m.Destination ?? "", ReadOnly = !m.RW })
                        .ToList(),
                    Healthcheck = health?.Test is { Count: > 0 }
                        ? new HealthcheckSpec
                        {
                            Test = health.Test.ToList(),
                            Interval = health.Interval,
                            Timeout = health.Timeout,
                            StartPeriod = health.StartPeriod,
                            Retries = health.Retries,
                        }
                        : null,
                    Tmpfs = inspect.HostConfig?.Tmpfs is { } tmpfs
                        ? new Dictionary<string, string>(tmpfs)
                        : new Dictionary<string, string>(),
                };
            }
            catch (DockerContainerNotFoundException)
            {
                return null;
            }
        }, cancellationToken);

        public Task<ContainerRunState?> GetRunStateAsync(string id, CancellationToken cancellationToken) => Call(async () =>
        {
            try
            {
                var inspect = await _client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
                var state = inspect.State;
                return (ContainerRunState?)new ContainerRunState
                {
                    Status = state?.Status ?? "",
                    Running = state?.Running ?? false,
                    Restarting = state?.Restarting ?? false,
                    ExitCode = state?.ExitCode ?? 0,
                    Error = state?.Error ?? "",
                    RestartCount = inspect.RestartCount,
                    OomKilled = state?.OOMKilled ?? false,
                    Health = state?.Health?.Status ?? "",
                };
            }
            catch (DockerContainerNotFoundException)
            {
                return null;
            }
        }, cancellationToken);

        public Task<bool> NetworkExistsAsync(string name, CancellationToken cancellationToken) => Call(async () =>
        {
            // The name filter matches substrings; compare exactly.
            var filters = new Dictionary<string, IDictionary<string, bool>> { ["name"] = new Dictionary<string, bool> { [name] = true } };
            var networks = await _client.Networks.ListNetworksAsync(new NetworksListParameters { Filters = filters }, cancellationToken)
                .ConfigureAwait(false);
            return networks.Any(n => string.Equals(n.Name, name, StringComparison.Ordinal));
        }, cancellationToken);

        public Task<EngineResult> CreateNetworkAsync(NetworkSpec spec, CancellationToken cancellationToken) => Refusable(async () =>
        {
            var response = await _client.Networks.CreateNetworkAsync(new NetworksCreateParameters
            {
                Name = spec.Name,
                Driver = "bridge",
                Internal = spec.Internal,
                Labels = spec.Labels.ToDictionary(kv => kv.Key, kv => kv.Value),
            }, cancellationToken).ConfigureAwait(false);
            return response.ID ?? "";
        }, cancellationToken);

        public Task<EngineResult> RemoveNetworkAsync(string id, CancellationToken cancellationToken) => Refusable(async () =>
        {
            await _client.Networks.DeleteNetworkAsync(id, cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

        public Task<EngineResult> CreateContainerAsync(ContainerSpec spec, CancellationToken cancellationToken) => Refusable(async () =>
        {
            var response = await _client.Containers.CreateContainerAsync(CreateMapper.ToParameters(spec), cancellationToken).ConfigureAwait(false);
            return response.ID ?? "";
        }, cancellationToken);

        public Task<EngineResult> StartContainerAsync(string id, CancellationToken cancellationToken) => Refusable(async () =>
        {
            await _client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

        public Task<EngineResult> StopContainerAsync(string id, int timeoutSeconds, CancellationToken cancellationToken) => Refusable(async () =>
        {
            await _client.Containers.StopContainerAsync(id, new ContainerStopParameters { WaitBeforeKillSeconds = (uint)timeoutSeconds },
                cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

        public Task<EngineResult> RenameContainerAsync(string id, string newName, CancellationToken cancellationToken) => Refusable(async () =>
        {
            await _client.Containers.RenameContainerAsync(id, new ContainerRenameParameters { NewName = newName }, cancellationToken)
                .ConfigureAwait(false);
            return id;
        }, cancellationToken);

        public Task<EngineResult> RemoveContainerAsync(string id, CancellationToken cancellationToken) => Refusable(async () =>
        {
            await _client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = false },
                cancellationToken).ConfigureAwait(false);
            return id;
        }, cancellationToken);

        /// <summary>
        /// Runs a request the engine may refuse for an expected reason (404, 409, 400, 500) and returns that as a
        /// result; permission and transport failures still throw through <see cref="Call{T}"/>.
        /// </summary>
        private Task<EngineResult> Refusable(Func<Task<string>> call, CancellationToken cancellationToken) => Call(async () =>
        {
            try
            {
                return EngineResult.Success(await call().ConfigureAwait(false));
            }
            catch (DockerApiException e) when (e.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                var kind = e.StatusCode switch
                {
                    HttpStatusCode.NotFound => EngineResultKind.NotFound,
                    HttpStatusCode.Conflict => EngineResultKind.Conflict,
                    _ => EngineResultKind.Failed,
                };
                return new EngineResult(kind, "", EngineMessage(e));
            }
        }, cancellationToken);

        /// <summary>The engine's own message ({"message":"..."}), without the library's wrapping.</summary>
        private static string EngineMessage(DockerApiException e)
        {
            var body = e.ResponseBody ?? "";
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(body);
                if (json.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object &&
                    json.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } text)
                {
                    return text;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Not JSON: use the body as it is.
            }

            return body.Trim().Length > 0 ? body.Trim() : e.Message;
        }
    }
}
