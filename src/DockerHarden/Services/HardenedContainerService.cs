using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using DockerHarden.Facts;
using DockerHarden.Files;
using DockerHarden.Models;
using DockerHarden.Secrets;
using DockerHarden.Views.Create;

namespace DockerHarden.Services
{
    /// <summary>One container New-HardenedContainer is asked for: from an image, or (ContainerId) a twin of a container.</summary>
    internal sealed class HardenedContainerInput
    {
        /// <summary>The audited container to twin; null: a new container from <see cref="Image"/>.</summary>
        public string? ContainerId { get; init; }
        public string Image { get; init; } = "";
        /// <summary>-Name; null: the default name.</summary>
        public string? Name { get; init; }
        public bool Start { get; init; }
        public bool Replace { get; init; }
        public bool RemoveOriginal { get; init; }
        /// <summary>-Replace: how long the twin must stay up, not OOM-killed and not unhealthy (-VerifySeconds).</summary>
        public TimeSpan Watch { get; init; } = TimeSpan.FromSeconds(5);
        /// <summary>Everything else the parameters ask for; the service fills in the image and the name.</summary>
        public HardeningRequest Request { get; init; } = new();
    }

    /// <summary>
    /// New-HardenedContainer's work on one engine: inspect the image (and the container to twin), plan the hardened
    /// spec, check the name, ask ShouldProcess, then create or replace through <see cref="HardenedContainerDeployer"/>
    /// with progress. Engine failures are thrown as <see cref="EngineException"/>; per-container trouble is written
    /// as an error and the pipeline goes on.
    /// </summary>
    internal sealed class HardenedContainerService
    {
        private readonly IDockerGateway _gateway;
        private readonly IOperationHost _host;
        private readonly CancellationToken _cancel;
        private readonly ConcurrentQueue<string> _steps = new();

        private HardenedContainerService(IDockerGateway gateway, EngineFacts engine, IOperationHost host, CancellationToken cancel)
        {
            _gateway = gateway;
            Engine = engine;
            _host = host;
            _cancel = cancel;
        }

        /// <summary>What the engine enforces (security options, storage and log driver): read once per call.</summary>
        public EngineFacts Engine { get; }

        /// <summary>Reads the engine's facts once for the whole pipeline.</summary>
        public static HardenedContainerService Connect(IDockerGateway gateway, IOperationHost host, CancellationToken cancel)
        {
            host.WriteVerbose($"Asking the engine at {gateway.Endpoint} for its security options, storage driver and log driver.");
            var engine = Wait(gateway.GetEngineFactsAsync(cancel));
            host.WriteVerbose($"Engine {engine.Endpoint}: security options [{string.Join(", ", engine.SecurityOptions)}], storage {engine.StorageDriver}" +
                $"{(engine.BackingFilesystem.Length > 0 ? " on " + engine.BackingFilesystem : "")}, default log driver {engine.DefaultLogDriver}.");
            return new HardenedContainerService(gateway, engine, host, cancel);
        }

        /// <summary>The seccomp profile's JSON, or the terminating error that says why it cannot be read.</summary>
        public static (string? Json, ErrorRecord? Error) ReadSeccompProfile(string path)
        {
            try
            {
                return (SafeFile.ReadAllText(path), null);
            }
            catch (FileRefusedException e)
            {
                return (null, FileErrors.Record(e, path));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return (null, new ErrorRecord(new FileNotFoundException($"The seccomp profile {path} cannot be read: {e.Message}", path, e),
                    "SeccompProfileNotFound", ErrorCategory.ObjectNotFound, path));
            }
        }

        /// <summary>Plans and deploys one container; null when an error was written.</summary>
        public HardenedContainer? Deploy(HardenedContainerInput input)
        {
            TwinSource? twin = null;
            var imageReference = input.Image;
            if (input.ContainerId is { } containerId)
            {
                _host.WriteVerbose($"Inspecting container '{containerId}' on {_gateway.Endpoint}.");
                var facts = Wait(_gateway.InspectContainerAsync(containerId, _cancel));
                var config = facts is null ? null : Wait(_gateway.GetCreateConfigAsync(facts.Id, _cancel));
                if (facts is null || config is null)
                {
                    _host.WriteError(new ErrorRecord(new ItemNotFoundException($"No container named or with id '{containerId}' exists on {_gateway.Endpoint}."),
                        "ContainerNotFound", ErrorCategory.ObjectNotFound, containerId));
                    return null;
                }

                twin = new TwinSource(facts, config);
                imageReference = config.Image;
            }

            _host.WriteVerbose($"Inspecting image '{imageReference}' (its USER and HEALTHCHECK decide the defaults; nothing is pulled).");
            var image = Wait(_gateway.InspectImageAsync(imageReference, _cancel));
            if (image is null)
            {
                _host.WriteError(new ErrorRecord(new ItemNotFoundException(
                    $"The image '{imageReference}' is not on the engine at {_gateway.Endpoint}, and New-HardenedContainer does not pull: " +
                    "pull, build or load it first (docker pull / docker build / docker load)."),
                    "ImageNotFound", ErrorCategory.ObjectNotFound, imageReference));
                return null;
            }

            var name = input.Replace ? twin!.Facts.Name : FreeName(input.Name ?? (twin is not null ? twin.Facts.Name + "-hardened" : DefaultName(imageReference)), twin);
            if (name is null)
            {
                return null;
            }

            var plan = HardenedSpecPlanner.Plan(input.Request with { Image = imageReference, Name = name }, image, Engine, twin);
            foreach (var error in plan.Errors)
            {
                var category = error.Kind == PlanErrorKind.Refused ? ErrorCategory.SecurityError : ErrorCategory.InvalidArgument;
                _host.WriteError(new ErrorRecord(new ArgumentException(SecretMask.Text(error.Message)), error.ErrorId, category,
                    error.Target is string text ? SecretMask.Text(text) : error.Target));
            }

            if (plan.Errors.Count > 0)
            {
                return null;
            }

            var deployer = new HardenedContainerDeployer(_gateway, s => _steps.Enqueue(s), input.Watch);
            plan = Wait(deployer.ResolveNetworkNameAsync(plan, _cancel));
            WriteDecisions(name, plan);
            // One line per warning and container, each naming the container, so a piped fleet's warnings can be told apart.
            foreach (var warning in plan.Warnings.Distinct(StringComparer.Ordinal))
            {
                _host.WriteWarning($"{name}: {warning}");
            }

            var action = input.Replace ? "Replace with a hardened twin (stop and rename the original)"
                : twin is null ? "Create hardened container" : "Create hardened twin";
            var target = $"container '{name}' from image '{plan.Spec.Image}'{(plan.Network is null ? "" : $" on new network '{plan.Network.Name}'")}";
            if (!_host.ShouldProcess(target, action))
            {
                return null;
            }

            var result = RunWithProgress(input.Replace
                ? deployer.ReplaceAsync(plan, twin!.Facts, input.RemoveOriginal, _cancel)
                : deployer.CreateAsync(plan, input.Start || input.Replace, _cancel), name);
            foreach (var note in result.Notes.Distinct(StringComparer.Ordinal))
            {
                _host.WriteWarning($"{name}: {note}");
            }

            if (result.Error is { } failure)
            {
                _host.WriteError(new ErrorRecord(new InvalidOperationException(failure.Message), failure.ErrorId, Category(failure.Kind), failure.Target));
                return null;
            }

            return new HardenedContainer
            {
                ContainerId = result.ContainerId,
                Name = name,
                Image = plan.Spec.Image,
                Networks = new[] { plan.Spec.Network },
                Started = result.Started,
                OriginalName = result.OriginalName,
                Settings = SettingsSummary.From(plan.Spec, plan.Network, image, Engine),
                Changes = plan.Changes.ToArray(),
                Dropped = plan.Dropped.ToArray(),
                Warnings = plan.Warnings.Concat(result.Notes).ToArray(),
                DockerRunCommand = DockerRunCommand.Render(plan.Spec, result.Started, input.Request.SeccompProfilePath),
                DockerNetworkCommand = plan.Network is null ? null : DockerRunCommand.RenderNetwork(plan.Network),
                DockerHost = _gateway.Endpoint,
            };
        }

        /// <summary>-Verbose: what the plan decided for this container, before anything is asked of the engine.</summary>
        private void WriteDecisions(string name, HardenedPlan plan)
        {
            var spec = plan.Spec;
            _host.WriteVerbose($"{name}: user {spec.User}, cap-drop ALL, cap-add [{string.Join(", ", spec.CapAdd)}], read-only root {spec.ReadonlyRootfs}, " +
                $"network {(plan.Network is null ? spec.Network : plan.Network.Name + " (new)")}, ports [{string.Join(", ", spec.PortBindings.Select(p => $"{p.HostIp}:{p.HostPort}->{p.ContainerPort}"))}].");
            foreach (var change in plan.Changes)
            {
                _host.WriteVerbose($"{name}: changed {change}");
            }

            foreach (var dropped in plan.Dropped)
            {
                _host.WriteVerbose($"{name}: not carried over: {dropped}");
            }
        }

        /// <summary>The name when no container has it yet; null (with an error that says what to do instead) when it is taken.</summary>
        private string? FreeName(string name, TwinSource? twin)
        {
            _host.WriteVerbose($"Listing containers on {_gateway.Endpoint} to check that the name '{name}' is free.");
            var containers = Wait(_gateway.ListContainersAsync(_cancel));
            if (!containers.Any(c => c.Names.Contains(name, StringComparer.Ordinal)))
            {
                return name;
            }

            // Advice that works in this parameter set: -Replace takes a container (-ContainerId), never an -Image.
            var advice = twin is null
                ? $"choose another -Name, remove that container first, or harden it in place with New-HardenedContainer -ContainerId {name} -Replace (a twin of it, from its own image)"
                : twin.Facts.Name == name
                    ? "choose another -Name, or add -Replace to swap the twin in under that name"
                    : $"choose another -Name, or add -Replace to swap the twin in under the original's name '{twin.Facts.Name}'";
            _host.WriteError(new ErrorRecord(new InvalidOperationException(
                $"A container named '{name}' already exists on {_gateway.Endpoint}: {advice}."),
                "ContainerNameInUse", ErrorCategory.ResourceExists, name));
            return null;
        }

        /// <summary>"nginx:1.27" becomes "nginx-1a2b3c": readable, and unlikely to be taken.</summary>
        private static string DefaultName(string image)
        {
            var withoutDigest = image.Split('@')[0];
            var last = withoutDigest.Substring(withoutDigest.LastIndexOf('/') + 1);
            var repo = last.Split(':')[0];
            return $"{repo}-{Guid.NewGuid():N}".Substring(0, repo.Length + 7);
        }

        /// <summary>Waits for the deployment on the pipeline thread, so progress can be written while it runs.</summary>
        private DeployResult RunWithProgress(Task<DeployResult> task, string name)
        {
            var progress = new ProgressRecord(2, $"New-HardenedContainer {name}", "Starting");
            try
            {
                while (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(TimeSpan.FromMilliseconds(200)))
                {
                    if (DrainSteps(name) is { } last)
                    {
                        progress.StatusDescription = last;
                        _host.WriteProgress(progress);
                    }
                }

                DrainSteps(name);
                return Wait(task);
            }
            catch (Exception e) when (e is PipelineStoppedException or OperationCanceledException)
            {
                // Ctrl+C (or Stop) cancels the deployer, which then undoes the swap with calls that ignore the
                // cancellation. Returning before that ends would let the host exit with the original parked under
                // another name, stopped: wait until the containers are consistent again, then stop.
                WaitQuietly(task);
                throw;
            }
            finally
            {
                progress.RecordType = ProgressRecordType.Completed;
                if (!task.IsCompleted)
                {
                    WaitQuietly(task);
                }

                try
                {
                    _host.WriteProgress(progress);
                }
                catch (PipelineStoppedException)
                {
                    // Stopping: the completed record has nowhere to go.
                }
            }
        }

        // The deployer's outcome after a stop is only its side effects: its result or exception is not reported.
        private static void WaitQuietly(Task task)
        {
            try
            {
                task.Wait();
            }
            catch (AggregateException)
            {
            }
        }

        /// <summary>Writes each step the deployer asked of the engine as a verbose line; returns the last one, or null.</summary>
        private string? DrainSteps(string name)
        {
            string? last = null;
            while (_steps.TryDequeue(out var step))
            {
                _host.WriteVerbose($"{name}: {step}");
                last = step;
            }

            return last;
        }

        /// <summary>An engine call's result; its EngineException (or cancellation) goes to the cmdlet, which maps it once.</summary>
        private static T Wait<T>(Task<T> task) => task.GetAwaiter().GetResult();

        private static ErrorCategory Category(DeployErrorKind kind) => kind switch
        {
            DeployErrorKind.NotFound => ErrorCategory.ObjectNotFound,
            DeployErrorKind.ResourceExists => ErrorCategory.ResourceExists,
            DeployErrorKind.ResourceUnavailable => ErrorCategory.ResourceUnavailable,
            _ => ErrorCategory.InvalidOperation,
        };
    }
}
