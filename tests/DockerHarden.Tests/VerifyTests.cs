using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using DockerHarden.Adapters.Compose;
using DockerHarden.Models;
using DockerHarden.Verify;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>
    /// -Verify's pure parts: the throwaway project, the typing of docker-compose config output, and the search for the
    /// fixes that break a service (over a scripted engine; tests/Verify.Tests.ps1 runs the real one).
    /// </summary>
    public class VerifyTests
    {
        private static JsonObject Config(string yaml) => ConfigTree.ToJson(ComposeReader.Parse(yaml, "/srv/demo/config.yml"));

        [Fact]
        public void ThrowawayProjectCutsTheServiceOffFromPortsHostDataAndTheOutside()
        {
            var dir = Directory.CreateTempSubdirectory("dh-verify-test").FullName;
            var file = Path.Combine(dir, "app.conf");
            File.WriteAllText(file, "x");
            try
            {
                var config = Config($@"
version: '3.8'
services:
  web:
    image: app:1
    container_name: fixed
    restart: always
    ports: ['8080:80']
    networks: [front]
    depends_on: {{db: {{condition: service_started}}}}
    labels: ['a=b']
    volumes:
      - data:/data:rw
      - {dir}:/host:rw
      - {file}:/etc/app.conf:rw
      - {file}:/etc/ro.conf:ro
      - /var/run/docker.sock:/var/run/docker.sock:ro
      - /anon
  db:
    image: db:1
    ports: ['5432:5432']
volumes:
  data: {{}}
");
                var notes = new List<string>();
                var variant = new VerifyVariant("web", "all", ConfigTree.Service(config, "web")!);
                var project = ThrowawayProject.Build(config, new[] { variant }, ThrowawayProject.Dependencies(config, "web"), notes);

                var web = (JsonObject)project["services"]!["web--all"]!;
                foreach (var gone in new[] { "container_name", "ports", "depends_on" })
                {
                    Assert.False(web.ContainsKey(gone), gone);
                }

                Assert.Equal("no", web["restart"]!.ToString());
                Assert.Equal("[\"dh-verify\"]", web["networks"]!.ToJsonString());
                Assert.Equal("1", web["labels"]!["dockerharden.verify"]!.ToString());
                Assert.Equal("b", web["labels"]!["a"]!.ToString());
                Assert.True(project["networks"]!["dh-verify"]!["internal"]!.GetValue<bool>());
                var mounts = web["volumes"]!.AsArray().Select(m => m!.ToString()).ToList();
                Assert.Equal(new[] { "web--all-v1:/data:rw", "web--all-v2:/host", $"{file}:/etc/app.conf:ro", $"{file}:/etc/ro.conf:ro", "/anon" }, mounts);
                Assert.True(project["volumes"]!.AsObject().ContainsKey("web--all-v1"));
                Assert.False(project["volumes"]!.AsObject().ContainsKey("data"));
                Assert.Contains(notes, n => n.Contains("docker.sock", StringComparison.Ordinal));
                var db = (JsonObject)project["services"]!["db"]!;
                Assert.False(db.ContainsKey("ports"));
                Assert.Equal("3.8", project["version"]!.ToString());
            }
            finally
            {
                Directory.Delete(dir, true);
            }
        }

        [Fact]
        public void ConfigOutputKeepsQuotedScalarsAndEnvironmentValuesAsStrings()
        {
            var config = Config(@"
services:
  s:
    read_only: true
    cpus: 1.5
    pids_limit: 100
    command: ['true']
    environment:
      FLAG: true
      N: 5
    labels:
      x: 'false'
");
            var s = ConfigTree.Service(config, "s")!;
            Assert.True(s["read_only"]!.GetValue<bool>());
            Assert.Equal(1.5, s["cpus"]!.GetValue<double>());
            Assert.Equal(100L, s["pids_limit"]!.GetValue<long>());
            Assert.Equal("true", s["command"]![0]!.GetValue<string>());
            Assert.Equal("true", s["environment"]!["FLAG"]!.GetValue<string>());
            Assert.Equal("5", s["environment"]!["N"]!.GetValue<string>());
            Assert.Equal("false", s["labels"]!["x"]!.GetValue<string>());
        }

        private const string TwoServices = @"services:
  web:
    image: web:1
  plain:
    image: plain:1
";

        [Fact]
        public void WithholdsOnlyTheFixThatBreaksTheServiceAndReplansWithoutIt()
        {
            // This engine's web dies on a read-only root, as an nginx that writes /var/cache does.
            var engine = new ScriptedEngine((service, spec) => service.StartsWith("web", StringComparison.Ordinal) && spec["read_only"]?.GetValue<bool>() == true
                ? new ContainerVerdictState("exited", 1, false, "", "")
                : Running);
            var result = Verify(TwoServices, engine);

            var web = result.Services.Single(s => s.Service == "web");
            Assert.Equal(ComposeVerifyStatus.FixesWithheld, web.Status);
            Assert.Equal(new[] { "DH119" }, web.Withheld.Select(w => w.RuleId).ToArray());
            Assert.Equal(1, web.Withheld[0].ExitCode);
            Assert.Contains("log of web", web.Withheld[0].LogTail[0], StringComparison.Ordinal);
            Assert.DoesNotContain(result.Plan.Changes, c => c.Service == "web" && c.RuleId == "DH119");
            Assert.Contains(result.Plan.Changes, c => c.Service == "web" && c.RuleId == "DH102");
            Assert.Contains(result.Plan.Changes, c => c.Service == "plain" && c.RuleId == "DH119");
            Assert.Equal(ComposeVerifyStatus.Verified, result.Services.Single(s => s.Service == "plain").Status);
            Assert.Contains(result.Withheld, s => s.Service == "web" && s.RuleId == "DH119" && s.Reason.StartsWith("withheld by -Verify", StringComparison.Ordinal));
            Assert.Equal(engine.Ups, engine.Downs);
        }

        [Fact]
        public void AServiceThatFailsWithoutFixesKeepsNone()
        {
            var engine = new ScriptedEngine((service, spec) => service.StartsWith("web", StringComparison.Ordinal) ? new ContainerVerdictState("exited", 3, false, "", "") : Running);
            var result = Verify(TwoServices, engine);

            Assert.Equal(ComposeVerifyStatus.BaselineFailed, result.Services.Single(s => s.Service == "web").Status);
            Assert.DoesNotContain(result.Plan.Changes, c => c.Service == "web");
            Assert.Contains(result.Plan.Changes, c => c.Service == "plain");
        }

        [Fact]
        public void RaisesAMemoryLimitTheServiceIsOomKilledAt()
        {
            // OOM-killed below 200 MiB, whatever else is set.
            var engine = new ScriptedEngine((service, spec) =>
                (ComposeValues.ParseBytes(spec["mem_limit"]?.ToString() ?? "1g") ?? 0) < 200L * 1024 * 1024 ? new ContainerVerdictState("exited", 137, true, "", "") : Running);
            var result = Verify("services:\n  mem:\n    image: mem:1\n", engine, memory: "64m");

            var mem = result.Services.Single();
            Assert.Equal("256m", mem.MemoryLimit);
            Assert.Empty(mem.Withheld);
            Assert.Contains(result.Plan.Changes, c => c.RuleId == "DH116" && c.After.Contains("256m", StringComparison.Ordinal));
        }

        [Fact]
        public void AnImageThatIsNotLocalIsReportedAndItsServiceLeftAsItWas()
        {
            var engine = new ScriptedEngine((_, _) => Running, missing: "web:1");
            var result = Verify(TwoServices, engine);

            Assert.Equal(ComposeVerifyStatus.ImageNotFound, result.Services.Single(s => s.Service == "web").Status);
            Assert.Equal("web:1", result.MissingImages.Single().Image);
            Assert.DoesNotContain(result.Plan.Changes, c => c.Service == "web");
            Assert.Empty(engine.Pulled);
        }

        private static readonly ContainerVerdictState Running = new("running", 0, false, "", "");

        private static VerifiedRepair Verify(string yaml, ScriptedEngine engine, string memory = "256m")
        {
            var options = VerifyOptions.Without(new RepairOptions(), Array.Empty<string>(), memory);
            RepairPlan Plan(Func<string, RepairOptions>? perService) =>
                ComposeRepairer.Plan(yaml, ComposeGiven.Path, (t, p) => ComposeReader.Parse(t, p), options, default, perService);
            var request = new VerifyRequest(ComposeGiven.Path, yaml, options, Plan(null), Plan, (t, p) => ComposeReader.Parse(t, p), 1, false, _ => { });
            return ComposeVerifier.Run(request, engine, CancellationToken.None);
        }

        /// <summary>An engine whose containers do what a rule says: the services' fate as a function of their settings.</summary>
        private sealed class ScriptedEngine : IVerifyEngine
        {
            private readonly Func<string, JsonObject, ContainerVerdictState> _fate;
            private readonly string? _missing;
            private readonly Dictionary<string, JsonObject> _containers = new(StringComparer.Ordinal);

            public ScriptedEngine(Func<string, JsonObject, ContainerVerdictState> fate, string? missing = null)
            {
                _fate = fate;
                _missing = missing;
            }

            public int Ups { get; private set; }
            public int Downs { get; private set; }
            public List<string> Pulled { get; } = new();

            // The planned text is already a valid compose file; docker-compose config would normalise it.
            public string Config(string file, string projectDirectory, CancellationToken cancel) => File.ReadAllText(file);

            public bool ImageExists(string image, CancellationToken cancel) => image != _missing;

            public string? Pull(string image, CancellationToken cancel)
            {
                Pulled.Add(image);
                return null;
            }

            public string Up(string project, string file, string projectDirectory, CancellationToken cancel)
            {
                Ups++;
                foreach (var (name, spec) in JsonNode.Parse(File.ReadAllText(file))!["services"]!.AsObject())
                {
                    _containers[$"{project}/{name}"] = spec!.AsObject();
                }

                return "";
            }

            public IReadOnlyDictionary<string, string> Containers(string project, CancellationToken cancel) =>
                _containers.Keys.Where(k => k.StartsWith(project + "/", StringComparison.Ordinal)).ToDictionary(k => k.Split('/')[1], k => k);

            public IReadOnlyDictionary<string, ContainerVerdictState> Inspect(IReadOnlyCollection<string> ids, CancellationToken cancel) =>
                ids.ToDictionary(id => id, id => _fate(id.Split('/')[1], _containers[id]));

            public IReadOnlyList<string> Logs(string id, int lines, CancellationToken cancel) => new[] { "log of " + id.Split('/')[1] };

            public void Down(string project, string file, string projectDirectory) => Downs++;
        }
    }
}
