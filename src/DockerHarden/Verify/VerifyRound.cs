using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using DockerHarden.Secrets;

namespace DockerHarden.Verify
{
    /// <summary>How one variant did in a run: passed, or the evidence of its failure.</summary>
    internal sealed record VariantOutcome(bool Passed, string State, int? ExitCode, bool OomKilled, string Health, IReadOnlyList<string> LogTail, string Reason);

    /// <summary>Where the throwaway files go, and the engine and clock a run uses.</summary>
    internal sealed record VerifyContext(IVerifyEngine Engine, string ScratchDirectory, string ProjectDirectory, int Seconds, Action<string> Log);

    /// <summary>
    /// One verification run: every variant (and the services they depend on) in one throwaway compose project, brought
    /// up together, watched for the window, judged, and taken down whatever happens (Ctrl+C included).
    /// </summary>
    internal static class VerifyRound
    {
        /// <summary>How long a healthcheck still "starting" at the end of the window may take to decide.</summary>
        private static readonly TimeSpan HealthGrace = TimeSpan.FromSeconds(60);
        private const int LogLines = 10;
        private static int _counter;

        public static IReadOnlyDictionary<VerifyVariant, VariantOutcome> Run(VerifyContext context, JsonObject original, IReadOnlyList<VerifyVariant> variants,
            CancellationToken cancel)
        {
            var notes = new List<string>();
            var dependencies = variants.SelectMany(v => ThrowawayProject.Dependencies(original, v.Service)).Distinct(StringComparer.Ordinal).ToList();
            var file = ThrowawayProject.Build(original, variants, dependencies, notes);
            var project = "dhverify" + Guid.NewGuid().ToString("N").Substring(0, 10);
            var path = Path.Combine(context.ScratchDirectory, $"run-{Interlocked.Increment(ref _counter)}.json");
            Scratch.Write(path, file.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            foreach (var note in notes.Distinct(StringComparer.Ordinal))
            {
                context.Log(note + ".");
            }

            context.Log($"Starting throwaway project {project}: {string.Join(", ", variants.Select(v => v.Name))}" +
                (dependencies.Count == 0 ? "" : $" (with {string.Join(", ", dependencies)}, unchanged)") + $"; watching {context.Seconds} s.");
            try
            {
                var upErrors = context.Engine.Up(project, path, context.ProjectDirectory, cancel);
                return Watch(context, project, variants, upErrors, cancel);
            }
            finally
            {
                context.Engine.Down(project, path, context.ProjectDirectory);
                context.Log($"Removed throwaway project {project}.");
            }
        }

        private static Dictionary<VerifyVariant, VariantOutcome> Watch(VerifyContext context, string project, IReadOnlyList<VerifyVariant> variants, string upErrors,
            CancellationToken cancel)
        {
            var engine = context.Engine;
            var outcomes = new Dictionary<VerifyVariant, VariantOutcome>();
            var ids = engine.Containers(project, cancel);
            if (ids.Count == 0 && upErrors.Length > 0)
            {
                // Nothing was created (no network pool left, a key the engine refuses): nothing was verified.
                throw new ComposeVerifyException("ComposeVerifyFailed", "docker-compose could not start the throwaway project: " + UpError(upErrors, project));
            }

            var clock = Stopwatch.StartNew();
            var window = TimeSpan.FromSeconds(context.Seconds);
            var pending = variants.ToList();
            foreach (var v in pending.Where(v => !ids.ContainsKey(v.Name)).ToList())
            {
                outcomes[v] = new VariantOutcome(false, "not created", null, false, "", Array.Empty<string>(), "the container was not created: " + UpError(upErrors, v.Name));
                pending.Remove(v);
            }

            while (pending.Count > 0)
            {
                var states = engine.Inspect(pending.Select(v => ids[v.Name]).ToList(), cancel);
                bool windowOver = clock.Elapsed >= window;
                foreach (var v in pending.ToList())
                {
                    var id = ids[v.Name];
                    if (!states.TryGetValue(id, out var s))
                    {
                        outcomes[v] = Fail(engine, v, id, new ContainerVerdictState("removed", -1, false, "", ""), "the container vanished", cancel);
                    }
                    else if (s.OomKilled)
                    {
                        outcomes[v] = Fail(engine, v, id, s, "the kernel's OOM killer hit it: the memory limit is too low", cancel);
                    }
                    else if (s.Status is "exited" or "dead")
                    {
                        outcomes[v] = Fail(engine, v, id, s, $"it exited with code {s.ExitCode} after {clock.Elapsed.TotalSeconds:0} s", cancel);
                    }
                    else if (s.Status is "created")
                    {
                        outcomes[v] = Fail(engine, v, id, s, "it did not start: " + (s.Error.Length > 0 ? s.Error : UpError(upErrors, v.Name)), cancel);
                    }
                    else if (s.Status is "restarting")
                    {
                        outcomes[v] = Fail(engine, v, id, s, "it is restarting", cancel);
                    }
                    else if (s.Health == "unhealthy")
                    {
                        outcomes[v] = Fail(engine, v, id, s, "its healthcheck reports unhealthy", cancel);
                    }
                    else if (!windowOver)
                    {
                        continue;
                    }
                    else if (s.Health is "" or "healthy")
                    {
                        outcomes[v] = new VariantOutcome(true, s.Status, null, false, s.Health, Array.Empty<string>(),
                            s.Health.Length == 0 ? $"running for {context.Seconds} s" : $"healthy and running for {context.Seconds} s");
                    }
                    else if (clock.Elapsed < window + HealthGrace)
                    {
                        continue; // a healthcheck still starting: give it its interval
                    }
                    else
                    {
                        outcomes[v] = Fail(engine, v, id, s, $"its healthcheck was still '{s.Health}' after {clock.Elapsed.TotalSeconds:0} s", cancel);
                    }

                    pending.Remove(v);
                }

                if (pending.Count > 0 && cancel.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
                {
                    cancel.ThrowIfCancellationRequested();
                }
            }

            foreach (var (v, o) in outcomes)
            {
                context.Log($"{v.Name}: {(o.Passed ? "passed" : "failed")}, {o.Reason}.");
            }

            return outcomes;
        }

        private static VariantOutcome Fail(IVerifyEngine engine, VerifyVariant v, string id, ContainerVerdictState s, string reason, CancellationToken cancel)
        {
            var secrets = Secrets(v.Spec);
            var logs = engine.Logs(id, LogLines, cancel).Select(l => Mask(l, secrets)).ToList();
            return new VariantOutcome(false, s.Status, s.Status is "exited" or "dead" ? s.ExitCode : null, s.OomKilled, s.Health, logs, reason);
        }

        // Values of the service's credential-like variables: an application that prints its password has it masked too.
        private static List<string> Secrets(JsonObject spec) =>
            spec["environment"] is JsonObject env
                ? env.Where(p => SecretMask.IsSecretName(p.Key)).Select(p => p.Value?.ToString() ?? "").Where(s => s.Length >= 3).ToList()
                : new List<string>();

        private static string Mask(string line, List<string> secrets)
        {
            var text = new StringBuilder(line);
            foreach (var s in secrets)
            {
                text.Replace(s, SecretMask.Mask);
            }

            return SecretMask.Text(text.ToString());
        }

        private static string UpError(string upErrors, string name)
        {
            var lines = upErrors.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var mine = lines.Where(l => l.Contains(name, StringComparison.Ordinal)).ToList();
            var text = string.Join(" ", (mine.Count > 0 ? mine : lines).Take(2));
            return text.Length == 0 ? "docker-compose gave no reason" : SecretMask.Text(text);
        }
    }

    /// <summary>Throwaway files of -Verify: a private directory (0700), files 0600 (they may hold environment values), removed at the end.</summary>
    internal static class Scratch
    {
        public static string CreateDirectory()
        {
            var dir = Path.Combine(Path.GetTempPath(), "dockerharden-verify-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(dir);
            }
            else
            {
                Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            return dir;
        }

        /// <summary>A new file in the scratch directory (not a user's file, so not through AtomicFile: nothing to keep or replace).</summary>
        public static void Write(string path, string text)
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using var stream = new FileStream(path, options);
            var bytes = new UTF8Encoding(false).GetBytes(text);
            stream.Write(bytes, 0, bytes.Length);
        }

        public static void Remove(string dir)
        {
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A leftover in the temp directory is not worth failing a repair for.
            }
        }
    }
}
