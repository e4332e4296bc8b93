using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Fixes;
using DockerHarden.Views.Create;
using Xunit;
using static DockerHarden.Tests.Given;

namespace DockerHarden.Tests
{
    /// <summary>The Create view: what New-HardenedContainer plans must pass every container rule the host can enforce.</summary>
    public class HardenedSpecPlannerTests
    {
        private static readonly ImageFacts HealthyImage = new()
        {
            Reference = "app:1.0",
            HealthcheckTest = new[] { "CMD", "true" },
        };

        private static HardeningRequest Request(string name = "web") => new() { Image = "app:1.0", Name = name };

        /// <summary>Engines the defaults must satisfy: this host's kind (no AppArmor, overlay2 on ext4), AppArmor, xfs quota, NNP by default.</summary>
        public static IEnumerable<object[]> Engines() =>
            new[] { "seccomp only, overlay2 on extfs", "apparmor and seccomp", "overlay2 on xfs", "daemon no-new-privileges" }
                .Select(name => new object[] { name });

        private static EngineFacts EngineNamed(string name) => name switch
        {
            "seccomp only, overlay2 on extfs" => Engine(securityOptions: new[] { "name=seccomp,profile=default" }),
            "apparmor and seccomp" => Engine(),
            "overlay2 on xfs" => Engine(backingFilesystem: "xfs"),
            _ => Engine(noNewPrivilegesByDefault: true),
        };

        private static List<HardeningFinding> Fails(HardenedPlan plan, ImageFacts image, EngineFacts engine) =>
            SpecFacts.Evaluate(plan.Spec, image, engine).Where(f => f.Status == FindingStatus.Fail).ToList();

        private static string Describe(IEnumerable<HardeningFinding> findings) => string.Join("; ", findings.Select(f => $"{f.RuleId}: {f.Evidence}"));

        [Theory]
        [MemberData(nameof(Engines))]
        public void Defaults_pass_every_container_rule(string engineName)
        {
            var engine = EngineNamed(engineName);
            var plan = HardenedSpecPlanner.Plan(Request(), HealthyImage, engine);
            Assert.Empty(plan.Errors);
            var fails = Fails(plan, HealthyImage, engine);
            Assert.True(fails.Count == 0, $"{engineName}: {Describe(fails)}");
            Assert.Empty(plan.Warnings);
        }

        [Theory]
        [MemberData(nameof(Engines))]
        public void Ports_volumes_devices_and_caps_still_pass(string engineName)
        {
            var engine = EngineNamed(engineName);
            var request = Request() with
            {
                Ports = new[] { "8080:80", "9090:90/udp" },
                Volumes = new[] { "data:/var/lib/app", "/srv/web:/srv:ro" },
                Devices = new[] { "/dev/fuse" },
                AddCapabilities = new[] { "net_bind_service" },
                Environment = new Dictionary<string, string> { ["APP_MODE"] = "production" },
                LogDriver = "syslog",
                LogOptions = new Dictionary<string, string> { ["syslog-address"] = "udp://127.0.0.1:514" },
            };
            var plan = HardenedSpecPlanner.Plan(request, HealthyImage, engine);
            Assert.Empty(plan.Errors);
            var fails = Fails(plan, HealthyImage, engine);
            Assert.True(fails.Count == 0, $"{engineName}: {Describe(fails)}");
        }

        [Fact]
        public void Defaults_are_the_issue_defaults()
        {
            var spec = HardenedSpecPlanner.Plan(Request(), HealthyImage, Engine()).Spec;
            Assert.Equal(new[] { "ALL" }, spec.CapDrop);
            Assert.Empty(spec.CapAdd);
            Assert.Equal("10001:10001", spec.User);
            Assert.True(spec.ReadonlyRootfs);
            Assert.Equal("rw,noexec,nosuid,size=64m", spec.Tmpfs["/tmp"]);
            Assert.Equal(256 * MiB, spec.Memory);
            Assert.Equal(spec.Memory, spec.MemorySwap);
            Assert.Equal(1_000_000_000, spec.NanoCpus);
            Assert.Equal(100, spec.PidsLimit);
            Assert.Contains("no-new-privileges:true", spec.SecurityOpt);
            Assert.DoesNotContain(spec.SecurityOpt, o => o.StartsWith("seccomp", StringComparison.Ordinal));
            Assert.Equal("on-failure", spec.RestartPolicy);
            Assert.Equal(5, spec.RestartMaxRetries);
            Assert.Equal("", spec.LogDriver);
            Assert.Null(spec.Healthcheck); // the image's is kept by the engine
            Assert.Equal("web-net", spec.Network);
        }

        [Fact]
        public void Dedicated_network_is_labelled_and_internal_only_when_nothing_is_published()
        {
            var quiet = HardenedSpecPlanner.Plan(Request(), HealthyImage, Engine());
            Assert.NotNull(quiet.Network);
            Assert.True(quiet.Network!.Internal);
            Assert.Equal("1", quiet.Network.Labels["dockerharden.managed"]);

            var published = HardenedSpecPlanner.Plan(Request() with { Ports = new[] { "8080:80" } }, HealthyImage, Engine());
            Assert.False(published.Network!.Internal);

            var joined = HardenedSpecPlanner.Plan(Request() with { Network = "appnet" }, HealthyImage, Engine());
            Assert.Null(joined.Network);
            Assert.Equal("appnet", joined.Spec.Network);
        }

        [Theory]
        [InlineData("8080:80", "127.0.0.1", "8080", "80/tcp")]
        [InlineData("80", "127.0.0.1", "", "80/tcp")]
        [InlineData("9000:53/udp", "127.0.0.1", "9000", "53/udp")]
        [InlineData("10.0.0.5:8443:443", "10.0.0.5", "8443", "443/tcp")]
        [InlineData("[::1]:8080:80", "::1", "8080", "80/tcp")]
        public void Ports_bind_to_loopback_unless_told(string text, string ip, string hostPort, string containerPort)
        {
            var port = RunOptionParser.ParsePort(text, "127.0.0.1", out var error);
            Assert.Equal("", error);
            Assert.NotNull(port);
            Assert.Equal((ip, hostPort, containerPort), (port!.HostIp, port.HostPort, port.ContainerPort));
        }

        [Fact]
        public void BindAddress_replaces_loopback()
        {
            var plan = HardenedSpecPlanner.Plan(Request() with { Ports = new[] { "8080:80" }, BindAddress = "192.0.2.10" }, HealthyImage, Engine());
            Assert.Equal("192.0.2.10", plan.Spec.PortBindings.Single().HostIp);
        }

        [Theory]
        [InlineData("80:80:80:80")]
        [InlineData("70000:80")]
        [InlineData("8080:80/icmp")]
        public void Bad_ports_are_argument_errors(string text)
        {
            var plan = HardenedSpecPlanner.Plan(Request() with { Ports = new[] { text } }, HealthyImage, Engine());
            Assert.Equal("InvalidPort", Assert.Single(plan.Errors).ErrorId);
        }

        [Fact]
        public void Image_user_is_kept_when_not_root()
        {
            Assert.Equal("app", HardenedSpecPlanner.Plan(Request(), HealthyImage with { User = "app" }, Engine()).Spec.User);
            Assert.Equal("10001:10001", HardenedSpecPlanner.Plan(Request(), HealthyImage with { User = "root" }, Engine()).Spec.User);
            Assert.Equal("10001:10001", HardenedSpecPlanner.Plan(Request(), HealthyImage with { User = "0:0" }, Engine()).Spec.User);
        }

        [Theory]
        [InlineData("SYS_ADMIN")]
        [InlineData("cap_chown")]
        [InlineData("ALL")]
        public void Sensitive_capabilities_are_refused_without_force(string cap)
        {
            var refused = HardenedSpecPlanner.Plan(Request() with { AddCapabilities = new[] { cap } }, HealthyImage, Engine());
            var error = Assert.Single(refused.Errors);
            Assert.Equal("SensitiveCapabilityRefused", error.ErrorId);
            Assert.Equal(PlanErrorKind.Refused, error.Kind);
            Assert.Contains("DH103", error.Message);
            Assert.Contains("-Force", error.Message);

            var forced = HardenedSpecPlanner.Plan(Request() with { AddCapabilities = new[] { cap }, Force = true }, HealthyImage, Engine());
            Assert.Empty(forced.Errors);
            Assert.Contains(Capabilities.Normalize(cap), forced.Spec.CapAdd);
            Assert.Contains(forced.Warnings, w => w.StartsWith("DH103", StringComparison.Ordinal));
        }

        [Fact]
        public void Unknown_capability_is_an_argument_error()
        {
            var plan = HardenedSpecPlanner.Plan(Request() with { AddCapabilities = new[] { "SYS_ADMINN" } }, HealthyImage, Engine());
            Assert.Equal("UnknownCapability", Assert.Single(plan.Errors).ErrorId);
        }

        [Fact]
        public void Sensitive_volume_is_refused_without_force()
        {
            var plan = HardenedSpecPlanner.Plan(Request() with { Volumes = new[] { "/var/run/docker.sock:/var/run/docker.sock" } }, HealthyImage, Engine());
            var error = Assert.Single(plan.Errors);
            Assert.Equal("SensitiveMountRefused", error.ErrorId);
            Assert.Contains("DH106", error.Message);
        }

        [Fact]
        public void Seccomp_profile_is_sent_as_json_and_shown_as_its_file()
        {
            const string json = "{\"defaultAction\":\"SCMP_ACT_ALLOW\"}";
            var plan = HardenedSpecPlanner.Plan(Request() with { SeccompProfileJson = json, SeccompProfilePath = "/etc/p.json" }, HealthyImage, Engine());
            Assert.Empty(plan.Errors);
            Assert.Contains("seccomp=" + json, plan.Spec.SecurityOpt);
            var line = DockerRunCommand.Render(plan.Spec, true, "/etc/p.json");
            Assert.Contains("--security-opt seccomp=/etc/p.json", line);
            Assert.DoesNotContain("SCMP_ACT_ALLOW", line);
            Assert.Empty(Fails(plan, HealthyImage, Engine()));
        }

        [Fact]
        public void Invalid_seccomp_profile_names_file_line_and_column()
        {
            var plan = HardenedSpecPlanner.Plan(Request() with { SeccompProfileJson = "{\n  \"defaultAction\": ,\n}", SeccompProfilePath = "/etc/p.json" },
                HealthyImage, Engine());
            var error = Assert.Single(plan.Errors);
            Assert.Equal("SeccompProfileInvalid", error.ErrorId);
            Assert.Matches(@"^/etc/p\.json, line 2, column \d+:", error.Message);
        }

        [Fact]
        public void Storage_size_is_skipped_with_a_warning_where_the_driver_cannot_enforce_it()
        {
            var ext4 = HardenedSpecPlanner.Plan(Request() with { StorageSize = "10g" }, HealthyImage, Engine(backingFilesystem: "extfs"));
            Assert.Empty(ext4.Errors);
            Assert.Empty(ext4.Spec.StorageOpt);
            Assert.Contains(ext4.Warnings, w => w.Contains("-StorageSize 10g skipped", StringComparison.Ordinal) && w.Contains("xfs", StringComparison.Ordinal));

            var xfs = HardenedSpecPlanner.Plan(Request() with { StorageSize = "20g" }, HealthyImage, Engine(backingFilesystem: "xfs"));
            Assert.Equal("20g", xfs.Spec.StorageOpt["size"]);

            // Without -StorageSize: a default quota only where it can be enforced.
            Assert.Equal("10g", HardenedSpecPlanner.Plan(Request(), HealthyImage, Engine(backingFilesystem: "xfs")).Spec.StorageOpt["size"]);
            Assert.Empty(HardenedSpecPlanner.Plan(Request(), HealthyImage, Engine(backingFilesystem: "extfs")).Spec.StorageOpt);
        }

        [Fact]
        public void Image_without_healthcheck_warns_DH128_and_HealthCommand_fixes_it()
        {
            var bare = HealthyImage with { HealthcheckTest = Array.Empty<string>() };
            var plan = HardenedSpecPlanner.Plan(Request(), bare, Engine());
            Assert.Contains(plan.Warnings, w => w.StartsWith("DH128", StringComparison.Ordinal));

            var fixedPlan = HardenedSpecPlanner.Plan(Request() with { HealthCommand = "wget -q -O- localhost" }, bare, Engine());
            Assert.Empty(fixedPlan.Warnings);
            Assert.Equal(new[] { "CMD-SHELL", "wget -q -O- localhost" }, fixedPlan.Spec.Healthcheck!.Test);
        }

        [Theory]
        [InlineData("256m", 256L * 1024 * 1024)]
        [InlineData("1g", 1024L * 1024 * 1024)]
        [InlineData("1.5GB", 1536L * 1024 * 1024)]
        [InlineData("512KiB", 512L * 1024)]
        [InlineData("1048576", 1048576L)]
        public void Sizes_parse_like_the_cli(string text, long bytes)
        {
            Assert.Equal(bytes, RunOptionParser.ParseSize(text, out _));
        }

        [Fact]
        public void Swap_below_memory_is_an_error_and_devices_default_to_read_only()
        {
            var plan = HardenedSpecPlanner.Plan(Request() with { Memory = "512m", MemorySwap = "256m" }, HealthyImage, Engine());
            Assert.Equal("InvalidMemorySwap", Assert.Single(plan.Errors).ErrorId);
            Assert.Equal("r", RunOptionParser.ParseDevice("/dev/fuse", out _)!.CgroupPermissions);
            Assert.Equal("/dev/fuse", RunOptionParser.ParseDevice("/dev/fuse", out _)!.PathInContainer);
        }

        private static TwinSource WeakOriginal(bool entrypoint = true) => new(
            new ContainerFacts
            {
                Id = "abc",
                Name = "web",
                Image = "app:1.0",
                State = "running",
                Labels = new Dictionary<string, string> { ["tier"] = "front" },
                User = "",
                Privileged = true,
                CapAdd = new[] { "SYS_ADMIN", "NET_BIND_SERVICE" },
                Mounts = new[]
                {
                    Bind("/etc", "/host-etc", readWrite: false),
                    Bind("/var/run/docker.sock", "/var/run/docker.sock"),
                    Bind("/srv/data", "/data", propagation: "rshared"),
                },
                Devices = new[] { new DeviceFact { PathOnHost = "/dev/fuse", PathInContainer = "/dev/fuse", CgroupPermissions = "rwm" } },
                NetworkMode = "host",
                PortBindings = new[] { Port("0.0.0.0", "8080") },
                PidMode = "host",
                MemorySwap = -1,
                SecurityOpt = new[] { "seccomp=unconfined" },
                LogDriver = "none",
                RestartPolicy = "always",
                Environment = new[] { Env("DB_PASSWORD") },
            },
            new ContainerCreateConfig
            {
                Image = "app:1.0",
                Env = new[] { "PATH=/bin", "DB_PASSWORD=hunter2" },
                Cmd = new[] { "serve", "--port", "80" },
                Entrypoint = entrypoint ? new[] { "/entry" } : null,
                WorkingDir = "/app",
                ExposedPorts = new[] { "80/tcp" },
                Volumes = new[] { new MountSpec { Type = "volume", Source = "webdata", Target = "/var/lib/web" } },
            });

        [Theory]
        [MemberData(nameof(Engines))]
        public void Twin_of_a_weak_container_passes_every_rule_except_the_secret_it_carries(string engineName)
        {
            // Without an ENTRYPOINT the command runs directly, so the default uid applies (issue 15: with one, see below).
            var engine = EngineNamed(engineName);
            var plan = HardenedSpecPlanner.Plan(Request("web-hardened") with { Image = "" }, HealthyImage, engine, WeakOriginal(entrypoint: false));
            Assert.Empty(plan.Errors);
            var fails = Fails(plan, HealthyImage, engine);
            // The twin keeps the original's environment, so DH130 still names DB_PASSWORD: reported, not hidden.
            Assert.True(fails.All(f => f.RuleId == "DH130"), $"{engineName}: {Describe(fails)}");
            Assert.Contains(plan.Warnings, w => w.StartsWith("DH130", StringComparison.Ordinal));
        }

        [Theory]
        [MemberData(nameof(Engines))]
        public void Twin_of_a_root_entrypoint_keeps_root_with_the_add_back_and_says_so(string engineName)
        {
            // A root ENTRYPOINT may chown and drop to its own user (the official images do): a forced uid breaks it, so
            // the user stays a decision; DH101 and DH103 are warned, never hidden, and every other rule passes.
            var engine = EngineNamed(engineName);
            var plan = HardenedSpecPlanner.Plan(Request("web-hardened") with { Image = "" }, HealthyImage, engine, WeakOriginal());
            Assert.Empty(plan.Errors);
            Assert.Equal("", plan.Spec.User);
            Assert.Equal(new[] { "NET_BIND_SERVICE" }.Concat(FixDefaults.BuiltIn.RootCapabilities), plan.Spec.CapAdd);
            var fails = Fails(plan, HealthyImage, engine);
            Assert.True(fails.All(f => f.RuleId is "DH101" or "DH103" or "DH130"), $"{engineName}: {Describe(fails)}");
            foreach (var id in new[] { "DH101", "DH103", "DH130" })
            {
                Assert.Contains(plan.Warnings, w => w.StartsWith(id, StringComparison.Ordinal));
            }

            Assert.Contains(plan.Changes, c => c.StartsWith("user: root (unset) kept: the image's ENTRYPOINT (/entry)", StringComparison.Ordinal) && c.Contains("-User 10001:10001", StringComparison.Ordinal));
            Assert.Contains(plan.Changes, c => c.StartsWith("capabilities: CHOWN, DAC_OVERRIDE, FOWNER, SETUID, SETGID added back", StringComparison.Ordinal));
        }

        [Fact]
        public void Image_volumes_take_the_place_of_a_default_tmpfs()
        {
            var spec = HardenedSpecPlanner.Plan(Request(), HealthyImage with { Volumes = new[] { "/var/cache/" } }, Engine()).Spec;
            Assert.False(spec.Tmpfs.ContainsKey("/var/cache"));
            Assert.Equal(FixDefaults.BuiltIn.TmpfsPaths.Where(p => p != "/var/cache").OrderBy(p => p, StringComparer.Ordinal),
                spec.Tmpfs.Keys.OrderBy(k => k, StringComparer.Ordinal));
        }

        [Fact]
        public void An_image_whose_root_entrypoint_may_drop_privileges_keeps_its_user_and_the_others_get_the_default()
        {
            var entry = HardenedSpecPlanner.Plan(Request(), HealthyImage with { Entrypoint = new[] { "docker-entrypoint.sh" } }, Engine());
            Assert.Equal("", entry.Spec.User);
            Assert.Equal(FixDefaults.BuiltIn.RootCapabilities, entry.Spec.CapAdd);
            Assert.Contains(entry.Warnings, w => w.StartsWith("DH101", StringComparison.Ordinal));
            Assert.Equal("app", HardenedSpecPlanner.Plan(Request(), HealthyImage with { User = "app", Entrypoint = new[] { "docker-entrypoint.sh" } }, Engine()).Spec.User);
            Assert.Equal("10001:10001", HardenedSpecPlanner.Plan(Request(), HealthyImage, Engine()).Spec.User);
            Assert.Equal("0", HardenedSpecPlanner.Plan(Request() with { User = "0" }, HealthyImage, Engine()).Spec.User);
        }

        [Fact]
        public void Twin_keeps_what_the_application_needs()
        {
            var spec = HardenedSpecPlanner.Plan(Request("web-hardened"), HealthyImage, Engine(), WeakOriginal()).Spec;
            Assert.Equal("app:1.0", spec.Image);
            Assert.Equal(new[] { "serve", "--port", "80" }, spec.Cmd);
            Assert.Equal(new[] { "/entry" }, spec.Entrypoint);
            Assert.Equal("/app", spec.WorkingDir);
            Assert.Contains("DB_PASSWORD=hunter2", spec.Env);
            Assert.Equal("front", spec.Labels["tier"]);
            Assert.Contains(spec.Mounts, m => m.Type == "bind" && m.Source == "/srv/data" && m.Target == "/data");
            Assert.Contains(spec.Mounts, m => m.Type == "volume" && m.Source == "webdata");
            Assert.Equal(new[] { "NET_BIND_SERVICE" }.Concat(FixDefaults.BuiltIn.RootCapabilities), spec.CapAdd);
            var port = Assert.Single(spec.PortBindings);
            Assert.Equal(("127.0.0.1", "8080", "80/tcp"), (port.HostIp, port.HostPort, port.ContainerPort));
            Assert.Equal("rw", Assert.Single(spec.Devices).CgroupPermissions);
            Assert.Equal("web-hardened-net", spec.Network);
        }

        [Theory]
        [InlineData("9090:80")]
        [InlineData("9090:80/tcp")]
        [InlineData("127.0.0.2:9090:80")]
        public void Port_overrides_the_originals_binding_of_that_container_port(string text)
        {
            var plan = HardenedSpecPlanner.Plan(Request("web-hardened") with { Ports = new[] { text } }, HealthyImage, Engine(), WeakOriginal());
            var port = Assert.Single(plan.Spec.PortBindings);
            Assert.Equal(("9090", "80/tcp"), (port.HostPort, port.ContainerPort));
            Assert.Contains(plan.Changes, c => c.Contains("8080 ->", StringComparison.Ordinal) && c.EndsWith("(-Port)", StringComparison.Ordinal));
        }

        [Fact]
        public void Port_for_another_container_port_adds_to_the_originals()
        {
            var plan = HardenedSpecPlanner.Plan(Request("web-hardened") with { Ports = new[] { "9443:443" } }, HealthyImage, Engine(), WeakOriginal());
            Assert.Equal(new[] { "8080", "9443" }, plan.Spec.PortBindings.Select(p => p.HostPort).OrderBy(p => p));
        }

        [Theory]
        [InlineData("DAC_READ_SEARCH", "Critical")]
        [InlineData("NET_ADMIN", "High")]
        [InlineData("WAKE_ALARM", "Low")]
        public void Capabilities_beyond_the_guides_17_are_refused_like_the_audit_judges_them(string cap, string severity)
        {
            var error = Assert.Single(HardenedSpecPlanner.Plan(Request() with { AddCapabilities = new[] { cap } }, HealthyImage, Engine()).Errors);
            Assert.Equal("SensitiveCapabilityRefused", error.ErrorId);
            Assert.Contains($"DH103, {severity}", error.Message);
        }

        [Theory]
        [InlineData("/var/run:/hostrun")]
        [InlineData("/run:/x")]
        public void A_socket_directory_volume_is_refused_as_DH106(string volume)
        {
            var error = Assert.Single(HardenedSpecPlanner.Plan(Request() with { Volumes = new[] { volume } }, HealthyImage, Engine()).Errors);
            Assert.Equal("SensitiveMountRefused", error.ErrorId);
            Assert.Contains("DH106", error.Message);
        }

        [Fact]
        public void A_privileged_host_port_is_judged_by_DH133_in_the_plan()
        {
            var plan = HardenedSpecPlanner.Plan(Request() with { Ports = new[] { "80:80" } }, HealthyImage, Engine());
            var image = HealthyImage;
            var findings = SpecFacts.Evaluate(plan.Spec, image, Engine());
            Assert.Equal(FindingStatus.Warn, findings.Single(f => f.RuleId == "DH133").Status);
            Assert.Equal(FindingStatus.Pass, findings.Single(f => f.RuleId == "DH126").Status);
        }

        [Fact]
        public void Twin_lists_everything_dropped_and_changed()
        {
            var plan = HardenedSpecPlanner.Plan(Request("web-hardened"), HealthyImage, Engine(), WeakOriginal());
            var dropped = string.Join("\n", plan.Dropped);
            foreach (var expected in new[] { "/etc -> /host-etc", "/var/run/docker.sock", "SYS_ADMIN", "--privileged", "--pid host", "seccomp=unconfined", "--network host" })
            {
                Assert.Contains(expected, dropped);
            }

            Assert.DoesNotContain("/srv/data", dropped);
            var changes = string.Join("\n", plan.Changes);
            foreach (var expected in new[] { "user:", "cap-drop", "read-only", "memory: unlimited", "port 80/tcp", "restart policy: always", "log driver: none", "rshared", "/dev/fuse" })
            {
                Assert.Contains(expected, changes);
            }
        }

        [Fact]
        public void KeepMount_keeps_a_sensitive_mount_and_the_rule_then_warns()
        {
            var plan = HardenedSpecPlanner.Plan(Request("web-hardened") with { KeepMounts = new[] { "/host-etc/" } }, HealthyImage, Engine(), WeakOriginal());
            Assert.Contains(plan.Spec.Mounts, m => m.Source == "/etc" && m.ReadOnly);
            Assert.DoesNotContain(plan.Dropped, d => d.Contains("/host-etc", StringComparison.Ordinal));
            Assert.Contains(plan.Warnings, w => w.StartsWith("DH105", StringComparison.Ordinal));
        }

        [Fact]
        public void No_secret_value_in_the_run_line_or_the_settings()
        {
            var plan = HardenedSpecPlanner.Plan(Request("web-hardened") with { Environment = new Dictionary<string, string> { ["API_TOKEN"] = "s3cr3t-value" } },
                HealthyImage, Engine(), WeakOriginal());
            var line = DockerRunCommand.Render(plan.Spec, true, null);
            Assert.Contains("-e DB_PASSWORD", line);
            Assert.Contains("-e API_TOKEN", line);
            var settings = SettingsSummary.From(plan.Spec, plan.Network, HealthyImage, Engine());
            var text = string.Join("\n", typeof(HardenedSettings).GetProperties().Select(p => p.GetValue(settings) switch
            {
                string[] a => string.Join(",", a),
                var v => v?.ToString() ?? "",
            }));
            foreach (var secret in new[] { "hunter2", "s3cr3t-value" })
            {
                Assert.DoesNotContain(secret, line);
                Assert.DoesNotContain(secret, text);
                Assert.DoesNotContain(plan.Changes.Concat(plan.Dropped).Concat(plan.Warnings), s => s.Contains(secret, StringComparison.Ordinal));
            }

            Assert.Contains("API_TOKEN", settings.EnvironmentNames);
        }

        [Fact]
        public void Run_line_is_pasteable()
        {
            var plan = HardenedSpecPlanner.Plan(Request() with { Ports = new[] { "8080:80" }, Command = new[] { "sh", "-c", "echo 'hi there'" } }, HealthyImage, Engine());
            var line = DockerRunCommand.Render(plan.Spec, true, null);
            Assert.StartsWith("docker run -d --name web --user 10001:10001 --cap-drop ALL --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m", line);
            Assert.Contains("--memory 256m --memory-swap 256m --cpus 1 --pids-limit 100 --security-opt no-new-privileges:true --network web-net -p 127.0.0.1:8080:80 --restart on-failure:5", line);
            Assert.EndsWith("app:1.0 sh -c 'echo '\\''hi there'\\'''", line);
            Assert.StartsWith("docker create ", DockerRunCommand.Render(plan.Spec, false, null));
            Assert.Equal("docker network create --label dockerharden.managed=1 --label dockerharden.container=web web-net",
                DockerRunCommand.RenderNetwork(plan.Network!));
        }
    }
}
