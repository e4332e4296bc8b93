using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;

namespace DockerHarden.Views.Create
{
    /// <summary>What kind of trouble stopped a deployment (the cmdlet maps it to an ErrorCategory).</summary>
    internal enum DeployErrorKind
    {
        NotFound,
        ResourceExists,
        ResourceUnavailable,
        InvalidOperation,
    }

    /// <summary>Why a deployment failed, after everything it created was removed again.</summary>
    internal sealed record DeployError(string ErrorId, DeployErrorKind Kind, string Message, string Target);

    /// <summary>The outcome of creating (and maybe starting or swapping in) one container.</summary>
    internal sealed record DeployResult
    {
        public string ContainerId { get; init; } = "";
        public bool Started { get; init; }
        /// <summary>-Replace: the name the original now has; null when removed or not replaced.</summary>
        public string? OriginalName { get; init; }
        public DeployError? Error { get; init; }
        /// <summary>Steps of a rollback that did not go to plan, for warnings.</summary>
        public IReadOnlyList<string> Notes { get; init; } = Array.Empty<string>();
    }

    /// <summary>
    /// Carries out a <see cref="HardenedPlan"/> on an engine: network, container, start, and for -Replace the swap
    /// with the original. Every failure removes what this run created and puts the original back; rollback steps
    /// ignore cancellation, so Ctrl+C cannot leave a half-done swap behind.
    /// </summary>
    internal sealed class HardenedContainerDeployer
    {
        private const int StopTimeoutSeconds = 10;
        private readonly IDockerGateway _gateway;
        private readonly Action<string> _progress;
        private readonly TimeSpan _watch;

        /// <param name="gateway">The engine.</param>
        /// <param name="progress">Told about each step, for progress records.</param>
        /// <param name="watch">How long a swapped-in twin must stay up before the swap counts as done.</param>
        public HardenedContainerDeployer(IDockerGateway gateway, Action<string> progress, TimeSpan watch)
        {
            _gateway = gateway;
            _progress = progress;
            _watch = watch;
        }

        /// <summary>Picks a free name for the dedicated network (NAME-net, then NAME-net-2...).</summary>
        public async Task<HardenedPlan> ResolveNetworkNameAsync(HardenedPlan plan, CancellationToken cancellationToken)
        {
            if (plan.Network is null)
            {
                return plan;
            }

            var name = plan.Network.Name;
            for (int i = 2; await _gateway.NetworkExistsAsync(name, cancellationToken).ConfigureAwait(false); i++)
            {
                name = $"{plan.Network.Name}-{i}";
            }

            return plan with { Network = plan.Network with { Name = name }, Spec = plan.Spec with { Network = name } };
        }

        /// <summary>Creates the network and the container, and starts it when asked; on failure removes both.</summary>
        public async Task<DeployResult> CreateAsync(HardenedPlan plan, bool start, CancellationToken cancellationToken)
        {
            var created = await CreateOnlyAsync(plan, cancellationToken).ConfigureAwait(false);
            if (created.Error is not null || !start)
            {
                return created;
            }

            _progress($"Starting {plan.Spec.Name}");
            var started = await _gateway.StartContainerAsync(created.ContainerId, cancellationToken).ConfigureAwait(false);
            if (started.Ok)
            {
                return created with { Started = true };
            }

            var notes = await RemoveCreatedAsync(created.ContainerId, plan).ConfigureAwait(false);
            return new DeployResult { Error = StartError(plan.Spec, started.Message, "the container and its network were removed"), Notes = notes };
        }

        /// <summary>
        /// Swaps the twin in under the original's name: create the twin under a temporary name, stop and rename the
        /// original, rename and start the twin, and watch it. Any failure puts the original back, running if it ran.
        /// </summary>
        public async Task<DeployResult> ReplaceAsync(HardenedPlan plan, ContainerFacts original, bool removeOriginal,
            CancellationToken cancellationToken)
        {
            // The engine has no compare-and-set on labels and does not refuse a second network with a taken name, so
            // two -Replace runs on one container both created NAME-net. A container name is the one atomic claim the
            // engine offers: before creating anything, create (never start) a marker container named after the
            // original's id; the second run's create is refused with a conflict and it stops with ReplaceInProgress,
            // having created nothing. The marker is removed in the finally, whatever happens (success, rollback,
            // Ctrl+C: removal ignores cancellation). A marker left by a killed run on this host is recognised (ReplaceClaim.StaleReason) and cleared.
            var claim = ReplaceClaim.Spec(original);
            var claimed = await _gateway.CreateContainerAsync(claim, cancellationToken).ConfigureAwait(false);
            if (!claimed.Ok && claimed.Kind == EngineResultKind.Conflict && await ClearStaleClaimAsync(claim.Name, cancellationToken).ConfigureAwait(false))
            {
                claimed = await _gateway.CreateContainerAsync(claim, cancellationToken).ConfigureAwait(false);
            }

            if (!claimed.Ok)
            {
                var message = claimed.Kind == EngineResultKind.Conflict
                    ? $"Another New-HardenedContainer -Replace is running on '{plan.Spec.Name}' (it holds the claim container '{claim.Name}'); " +
                      $"nothing was created. Wait for it to finish; if no such run is left (its process was killed on another host), remove the stale claim with 'docker rm {claim.Name}' and try again."
                    : $"The replacement of '{plan.Spec.Name}' could not be claimed (claim container '{claim.Name}'): {claimed.Message}";
                return new DeployResult { Error = new DeployError("ReplaceInProgress", DeployErrorKind.ResourceUnavailable, message, plan.Spec.Name) };
            }

            try
            {
                return await ReplaceClaimedAsync(plan, original, removeOriginal, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await _gateway.RemoveContainerAsync(claimed.Id, CancellationToken.None).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// Removes the claim marker when the run that made it is certainly gone (killed on this host); true when the
        /// name is free again. A marker that may still be held is left alone.
        /// </summary>
        private async Task<bool> ClearStaleClaimAsync(string claimName, CancellationToken cancellationToken)
        {
            var marker = await _gateway.InspectContainerAsync(claimName, cancellationToken).ConfigureAwait(false);
            if (marker is null)
            {
                return true;
            }

            var reason = ReplaceClaim.StaleReason(marker.Labels);
            if (reason is null)
            {
                return false;
            }

            _progress($"Removing the stale claim '{claimName}': {reason}");
            var removed = await _gateway.RemoveContainerAsync(marker.Id, cancellationToken).ConfigureAwait(false);
            return removed.Ok || removed.Kind == EngineResultKind.NotFound;
        }

        private async Task<DeployResult> ReplaceClaimedAsync(HardenedPlan plan, ContainerFacts original, bool removeOriginal,
            CancellationToken cancellationToken)
        {
            var finalName = plan.Spec.Name;
            var twinPlan = plan with { Spec = plan.Spec with { Name = $"{finalName}-twin-{Guid.NewGuid():N}".Substring(0, finalName.Length + 14) } };
            var created = await CreateOnlyAsync(twinPlan, cancellationToken).ConfigureAwait(false);
            if (created.Error is not null)
            {
                return created;
            }

            var twinId = created.ContainerId;
            var state = await _gateway.GetRunStateAsync(original.Id, cancellationToken).ConfigureAwait(false);
            bool wasRunning = state is { Running: true };
            string? parkedName = null;

            async Task<DeployResult> RollBack(DeployError error)
            {
                _progress($"Restoring {finalName}");
                var notes = new List<string>(await RemoveCreatedAsync(twinId, plan).ConfigureAwait(false));
                if (parkedName is not null)
                {
                    var back = await _gateway.RenameContainerAsync(original.Id, finalName, CancellationToken.None).ConfigureAwait(false);
                    if (!back.Ok)
                    {
                        notes.Add($"the original could not be renamed back from '{parkedName}' to '{finalName}': {back.Message}");
                    }
                }

                if (wasRunning)
                {
                    var restarted = await _gateway.StartContainerAsync(original.Id, CancellationToken.None).ConfigureAwait(false);
                    if (!restarted.Ok)
                    {
                        notes.Add($"the original could not be started again: {restarted.Message}");
                    }
                }

                var restored = notes.Count == 0
                    ? $" The original is back as '{finalName}'{(wasRunning ? " and running" : "")}."
                    : $" Restoring the original was incomplete: {string.Join("; ", notes)}.";
                var message = error.Message.TrimEnd().EndsWith(".", StringComparison.Ordinal) ? error.Message.TrimEnd() : error.Message.TrimEnd() + ".";
                return new DeployResult { Error = error with { Message = message + restored }, Notes = notes };
            }

            try
            {
                if (wasRunning)
                {
                    _progress($"Stopping {finalName}");
                    var stopped = await _gateway.StopContainerAsync(original.Id, StopTimeoutSeconds, cancellationToken).ConfigureAwait(false);
                    if (!stopped.Ok)
                    {
                        return await RollBack(new DeployError("OriginalStopFailed", DeployErrorKind.InvalidOperation,
                            $"The original container '{finalName}' could not be stopped: {stopped.Message}.", finalName)).ConfigureAwait(false);
                    }
                }

                _progress($"Renaming {finalName}");
                var renamed = await ParkAsync(original.Id, finalName, cancellationToken).ConfigureAwait(false);
                if (!renamed.Result.Ok)
                {
                    return await RollBack(new DeployError("OriginalRenameFailed", DeployErrorKind.InvalidOperation,
                        $"The original container '{finalName}' could not be renamed: {renamed.Result.Message}.", finalName)).ConfigureAwait(false);
                }

                parkedName = renamed.Name;
                var twinNamed = await _gateway.RenameContainerAsync(twinId, finalName, cancellationToken).ConfigureAwait(false);
                if (!twinNamed.Ok)
                {
                    return await RollBack(new DeployError("TwinRenameFailed", DeployErrorKind.InvalidOperation,
                        $"The hardened twin could not take the name '{finalName}': {twinNamed.Message}.", finalName)).ConfigureAwait(false);
                }

                _progress($"Starting the hardened {finalName}");
                var started = await _gateway.StartContainerAsync(twinId, cancellationToken).ConfigureAwait(false);
                if (!started.Ok)
                {
                    return await RollBack(StartError(plan.Spec, started.Message, "the twin and its network were removed")).ConfigureAwait(false);
                }

                _progress($"Watching {finalName} for {_watch.TotalSeconds:0} s");
                var exit = await WatchAsync(twinId, cancellationToken).ConfigureAwait(false);
                if (exit is not null)
                {
                    return await RollBack(new DeployError("TwinExited", DeployErrorKind.InvalidOperation,
                        $"The hardened twin of '{finalName}' did not stay up: {exit}. Its settings may be too strict for this application " +
                        "(read the Changes and Dropped lists, for example a writable path or a dropped mount); the twin and its network were removed.",
                        finalName)).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or EngineException)
            {
                await RollBack(new DeployError("ReplaceInterrupted", DeployErrorKind.InvalidOperation, e.Message, finalName)).ConfigureAwait(false);
                throw;
            }

            if (removeOriginal)
            {
                _progress($"Removing the original {finalName}");
                var removed = await _gateway.RemoveContainerAsync(original.Id, CancellationToken.None).ConfigureAwait(false);
                return new DeployResult
                {
                    ContainerId = twinId,
                    Started = true,
                    OriginalName = removed.Ok ? null : parkedName,
                    Notes = removed.Ok ? Array.Empty<string>() : new[] { $"the original '{parkedName}' could not be removed: {removed.Message}" },
                };
            }

            return new DeployResult { ContainerId = twinId, Started = true, OriginalName = parkedName };
        }

        private async Task<DeployResult> CreateOnlyAsync(HardenedPlan plan, CancellationToken cancellationToken)
        {
            var spec = plan.Spec;
            if (plan.Network is { } network)
            {
                _progress($"Creating network {network.Name}");
                var net = await _gateway.CreateNetworkAsync(network, cancellationToken).ConfigureAwait(false);
                if (!net.Ok)
                {
                    return new DeployResult
                    {
                        Error = new DeployError("NetworkCreateFailed", DeployErrorKind.InvalidOperation,
                            $"The network '{network.Name}' for '{spec.Name}' could not be created: {net.Message}", network.Name),
                    };
                }
            }

            _progress($"Creating container {spec.Name}");
            EngineResult created;
            try
            {
                created = await _gateway.CreateContainerAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or EngineException)
            {
                await RemoveCreatedAsync(null, plan).ConfigureAwait(false);
                throw;
            }

            if (created.Ok)
            {
                return new DeployResult { ContainerId = created.Id };
            }

            var notes = await RemoveCreatedAsync(null, plan).ConfigureAwait(false);
            var error = created.Kind switch
            {
                EngineResultKind.NotFound => new DeployError("ImageNotFound", DeployErrorKind.NotFound,
                    $"The image '{spec.Image}' is not on the engine: {created.Message}", spec.Image),
                EngineResultKind.Conflict => new DeployError("ContainerNameInUse", DeployErrorKind.ResourceExists,
                    $"A container named '{spec.Name}' already exists: {created.Message}", spec.Name),
                _ => new DeployError("ContainerCreateFailed", DeployErrorKind.InvalidOperation,
                    $"The engine refused to create '{spec.Name}': {created.Message}", spec.Name),
            };
            return new DeployResult { Error = error, Notes = notes };
        }

        /// <summary>Renames the original out of the way: NAME-original, or NAME-original-TIMESTAMP when that is taken.</summary>
        private async Task<(EngineResult Result, string Name)> ParkAsync(string id, string name, CancellationToken cancellationToken)
        {
            var parked = $"{name}-original";
            var result = await _gateway.RenameContainerAsync(id, parked, cancellationToken).ConfigureAwait(false);
            if (result.Kind == EngineResultKind.Conflict)
            {
                parked = $"{name}-original-{DateTime.UtcNow:yyyyMMddHHmmss}";
                result = await _gateway.RenameContainerAsync(id, parked, cancellationToken).ConfigureAwait(false);
            }

            return (result, parked);
        }

        /// <summary>Null when the container stays up for the whole watch; otherwise what happened to it.</summary>
        private async Task<string?> WatchAsync(string id, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + _watch;
            do
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                var state = await _gateway.GetRunStateAsync(id, cancellationToken).ConfigureAwait(false);
                if (state is null)
                {
                    return "it was removed";
                }

                // on-failure restarts a crashing process: a restart counts as an exit.
                if (!state.Running || state.Restarting || state.RestartCount > 0)
                {
                    var code = state.ExitCode != 0 ? $" with code {state.ExitCode}" : "";
                    var restarted = state.Restarting || state.RestartCount > 0 ? " and the engine was restarting it" : "";
                    var error = state.Error.Length > 0 ? $" ({state.Error})" : "";
                    return $"it exited{code}{error}{restarted}{(state.OomKilled ? ", OOM-killed (raise -Memory)" : "")} within {_watch.TotalSeconds:0} s";
                }

                // A twin that runs but is OOM-killed in a child, or whose healthcheck fails, does not serve either.
                if (state.OomKilled)
                {
                    return $"the kernel's OOM killer hit it within {_watch.TotalSeconds:0} s (raise -Memory)";
                }

                if (state.Health == "unhealthy")
                {
                    return $"its healthcheck reported unhealthy within {_watch.TotalSeconds:0} s";
                }
            }
            while (DateTime.UtcNow < deadline);

            return null;
        }

        /// <summary>Removes the container (when given) and the dedicated network; returns what could not be removed.</summary>
        private async Task<IReadOnlyList<string>> RemoveCreatedAsync(string? containerId, HardenedPlan plan)
        {
            var notes = new List<string>();
            if (containerId is not null)
            {
                var removed = await _gateway.RemoveContainerAsync(containerId, CancellationToken.None).ConfigureAwait(false);
                if (!removed.Ok && removed.Kind != EngineResultKind.NotFound)
                {
                    notes.Add($"container {containerId} could not be removed: {removed.Message}");
                }
            }

            if (plan.Network is { } network)
            {
                var removed = await _gateway.RemoveNetworkAsync(network.Name, CancellationToken.None).ConfigureAwait(false);
                if (!removed.Ok && removed.Kind != EngineResultKind.NotFound)
                {
                    notes.Add($"network {network.Name} could not be removed: {removed.Message}");
                }
            }

            return notes;
        }

        private static string Example(PortBindingFact? taken)
        {
            var target = taken is null ? "80" : taken.ContainerPort.Replace("/tcp", "", StringComparison.Ordinal);
            var next = taken is not null && int.TryParse(taken.HostPort, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var p) && p < 65535 ? p + 1 : 18080;
            return $"{next}:{target}";
        }

        private static DeployError StartError(ContainerSpec spec, string message, string cleanup)
        {
            if (message.Contains("port is already allocated", StringComparison.OrdinalIgnoreCase) ||
                message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                var named = spec.PortBindings.Where(p => p.HostPort.Length > 0 && message.Contains($":{p.HostPort}", StringComparison.Ordinal)).ToList();
                var ports = (named.Count > 0 ? named : spec.PortBindings.ToList())
                    .Select(p => $"{p.HostIp}:{p.HostPort}").Distinct();
                var list = string.Join(", ", ports);
                return new DeployError("PortInUse", DeployErrorKind.ResourceUnavailable,
                    $"Host port {list} is already in use, so '{spec.Name}' could not start; {cleanup}. Publish another host port with -Port HOSTPORT:CONTAINERPORT " +
                    $"(for example -Port {Example(named.Count > 0 ? named[0] : spec.PortBindings.FirstOrDefault())}), which replaces the original's binding of that container port. Engine: {message}",
                    list);
            }

            return new DeployError("ContainerStartFailed", DeployErrorKind.InvalidOperation,
                $"'{spec.Name}' could not start; {cleanup}. Engine: {message}", spec.Name);
        }
    }
}
