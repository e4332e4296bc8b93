using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using DockerHarden.Views.Daemon;

namespace DockerHarden.Verify
{
    /// <summary>
    /// <see cref="IVerifyEngine"/> over the docker and docker-compose clients (both honour DOCKER_HOST), through
    /// <see cref="HostCommand"/>: every call has a time limit and stops on Ctrl+C.
    /// </summary>
    internal sealed class CliVerifyEngine : IVerifyEngine
    {
        private static readonly TimeSpan Short = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

        public string Config(string file, string projectDirectory, CancellationToken cancel)
        {
            var result = Compose(new[] { "-f", file, "--project-directory", projectDirectory, "config" }, Short, cancel, projectDirectory);
            if (result.ExitCode != 0)
            {
                throw new ComposeVerifyException("ComposeVerifyFailed", $"docker-compose does not accept the file: {FirstLines(result.Error)}");
            }

            return result.Output;
        }

        public bool ImageExists(string image, CancellationToken cancel) =>
            Docker(new[] { "image", "inspect", "--format", "{{.Id}}", image }, Short, cancel).ExitCode == 0;

        public string? Pull(string image, CancellationToken cancel)
        {
            var result = Docker(new[] { "pull", "-q", image }, Long, cancel);
            return result.ExitCode == 0 ? null : FirstLines(result.Error);
        }

        public string Up(string project, string file, string projectDirectory, CancellationToken cancel)
        {
            var result = Compose(new[] { "-p", project, "-f", file, "--project-directory", projectDirectory, "up", "-d", "--no-build", "--no-color" },
                Long, cancel, projectDirectory);
            return result.ExitCode == 0 ? "" : result.Error;
        }

        public IReadOnlyDictionary<string, string> Containers(string project, CancellationToken cancel)
        {
            var result = Docker(new[] { "ps", "-a", "--no-trunc", "--filter", "label=com.docker.compose.project=" + project,
                "--format", "{{.ID}} {{.Label \"com.docker.compose.service\"}}" }, Short, cancel);
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var line in Lines(result.Output))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2)
                {
                    map[parts[1]] = parts[0];
                }
            }

            return map;
        }

        public IReadOnlyDictionary<string, ContainerVerdictState> Inspect(IReadOnlyCollection<string> ids, CancellationToken cancel)
        {
            var map = new Dictionary<string, ContainerVerdictState>(StringComparer.Ordinal);
            if (ids.Count == 0)
            {
                return map;
            }

            // One call for all containers (the watch loop asks every second); State as JSON because Health is absent
            // without a healthcheck, which a template cannot test for.
            var result = Docker(new[] { "inspect", "--format", "{{.Id}}\t{{json .State}}" }.Concat(ids), Short, cancel);
            foreach (var line in Lines(result.Output))
            {
                var f = line.Split('\t', 2);
                if (f.Length == 2)
                {
                    using var json = JsonDocument.Parse(f[1]);
                    var state = json.RootElement;
                    string Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";
                    var health = state.TryGetProperty("Health", out var h) && h.ValueKind == JsonValueKind.Object ? Text(h, "Status") : "";
                    map[f[0]] = new ContainerVerdictState(Text(state, "Status"),
                        state.TryGetProperty("ExitCode", out var code) && code.TryGetInt32(out var c) ? c : -1,
                        state.TryGetProperty("OOMKilled", out var oom) && oom.ValueKind == JsonValueKind.True, health, Text(state, "Error"));
                }
            }

            return map;
        }

        public IReadOnlyList<string> Logs(string id, int lines, CancellationToken cancel)
        {
            var result = Docker(new[] { "logs", "--timestamps", "--tail", lines.ToString(CultureInfo.InvariantCulture), id }, Short, cancel);
            // stdout and stderr come apart: the timestamps put them back in order, then go.
            return Lines(result.Output).Concat(Lines(result.Error))
                .Select(l => (Stamp: l.Split(' ', 2)[0], Text: l.Contains(' ', StringComparison.Ordinal) ? l.Split(' ', 2)[1] : ""))
                .OrderBy(l => l.Stamp, StringComparer.Ordinal)
                .Select(l => l.Text)
                .TakeLast(lines)
                .ToList();
        }

        public void Down(string project, string file, string projectDirectory)
        {
            var result = Compose(new[] { "-p", project, "-f", file, "--project-directory", projectDirectory, "down", "-v", "--remove-orphans", "-t", "1" },
                Long, CancellationToken.None, projectDirectory, allowMissing: true);
            if (result.ExitCode == 0)
            {
                return;
            }

            // compose could not (a file it now rejects, a timeout): remove what carries the project's label.
            var filter = "label=com.docker.compose.project=" + project;
            var ids = Lines(Docker(new[] { "ps", "-aq", "--filter", filter }, Short, CancellationToken.None).Output).ToList();
            if (ids.Count > 0)
            {
                Docker(new[] { "rm", "-f", "-v" }.Concat(ids), Short, CancellationToken.None);
            }

            var nets = Lines(Docker(new[] { "network", "ls", "-q", "--filter", filter }, Short, CancellationToken.None).Output).ToList();
            if (nets.Count > 0)
            {
                Docker(new[] { "network", "rm" }.Concat(nets), Short, CancellationToken.None);
            }

            var volumes = Lines(Docker(new[] { "volume", "ls", "-q", "--filter", filter }, Short, CancellationToken.None).Output).ToList();
            if (volumes.Count > 0)
            {
                Docker(new[] { "volume", "rm", "-f" }.Concat(volumes), Short, CancellationToken.None);
            }
        }

        private static (int ExitCode, string Output, string Error) Docker(IEnumerable<string> args, TimeSpan timeout, CancellationToken cancel) =>
            HostCommand.Run("docker", args, timeout, cancel) ??
            throw new ComposeVerifyException("ComposeVerifyUnavailable", "the docker client is not installed (or did not answer in time): -Verify needs it to reach the engine.");

        private static (int ExitCode, string Output, string Error) Compose(IEnumerable<string> args, TimeSpan timeout, CancellationToken cancel, string directory,
            bool allowMissing = false)
        {
            var result = HostCommand.Run("docker-compose", args, timeout, cancel, directory);
            if (result is null && allowMissing)
            {
                return (-1, "", "docker-compose did not answer");
            }

            return result ?? throw new ComposeVerifyException("ComposeVerifyUnavailable",
                "docker-compose is not installed (or did not answer in time): -Verify starts the repaired services with it.");
        }

        private static IEnumerable<string> Lines(string text) =>
            text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);

        private static string FirstLines(string text) => string.Join(" ", Lines(text).Take(3)).Trim();
    }
}
