using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Container;
using DockerHarden.Views.Service;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>The service view: a Swarm service's task template read as container facts, judged per rule by the API version.</summary>
    public class ServiceViewTests
    {
        private static SwarmEngineFacts Engine(string api = "1.41") => new()
        {
            Endpoint = "unix:///run/swarm.sock",
            ApiVersion = api,
            LocalNodeState = "active",
            IsManager = true,
            NodeId = "node1",
            Engine = Given.Engine(),
        };

        private static SwarmServiceFacts Hardened() => new()
        {
            Id = "svc1",
            Name = "good",
            Mode = "replicated",
            Image = "app:1.0@sha256:" + new string('a', 64),
            User = "10001:10001",
            CapabilityDrop = new[] { "ALL" },
            ReadOnly = true,
            MemoryLimit = 256L << 20,
            NanoCpuLimit = 1_000_000_000,
            PidsLimit = 100,
            RestartCondition = "on-failure",
            RestartMaxAttempts = 5,
            HealthcheckTest = new[] { "CMD-SHELL", "true" },
            LogDriver = "syslog",
            Networks = new[] { new SwarmNetworkFact { Target = "n1", Name = "good-net", Driver = "overlay" } },
        };

        private static HardeningFinding Finding<TRule>(SwarmServiceFacts service, SwarmEngineFacts? engine = null, ServiceImage? image = null)
            where TRule : ContainerRule
        {
            var rule = RuleCatalog.Rule<TRule>();
            var all = new[] { service };
            return ServiceAuditor.Evaluate(service, image, engine ?? Engine(), ServiceAuditor.Fleet(all), new ContainerRule[] { rule }).Single();
        }

        [Fact]
        public void The_task_template_maps_to_the_container_facts_the_rules_read()
        {
            var facts = ServiceFactsBuilder.Build(Hardened());
            Assert.Equal("10001:10001", facts.User);
            Assert.Equal(new[] { "ALL" }, facts.CapDrop);
            Assert.True(facts.ReadonlyRootfs);
            Assert.Equal(256L << 20, facts.Memory);
            Assert.Equal(1_000_000_000, facts.NanoCpus);
            Assert.Equal(100, facts.PidsLimit);
            Assert.Equal("on-failure", facts.RestartPolicy);
            Assert.Equal(5, facts.RestartMaxRetries);
            Assert.Equal("good-net", facts.NetworkMode);
            Assert.Equal(new[] { "good-net" }, facts.Networks);
            Assert.Empty(facts.SecurityOpt);
        }

        [Theory]
        [InlineData("", "always")]
        [InlineData("any", "always")]
        [InlineData("none", "no")]
        [InlineData("on-failure", "on-failure")]
        public void Swarm_restart_conditions_read_as_container_restart_policies(string condition, string policy) =>
            Assert.Equal(policy, ServiceFactsBuilder.RestartPolicy(condition));

        [Fact]
        public void Ports_bind_all_interfaces_and_ingress_only_services_are_on_no_user_network()
        {
            var facts = ServiceFactsBuilder.Build(new SwarmServiceFacts
            {
                Name = "web",
                Ports = new[] { new ServicePortFact { TargetPort = 80, PublishedPort = 8080, PublishMode = "ingress" } },
                Networks = new[] { new SwarmNetworkFact { Target = "i", Name = "ingress", Driver = "overlay", Ingress = true } },
            });
            var port = Assert.Single(facts.PortBindings);
            Assert.Equal(("80/tcp", "", "8080"), (port.ContainerPort, port.HostIp, port.HostPort));
            Assert.Equal("ingress", facts.NetworkMode);
            Assert.Empty(facts.Networks);
        }

        [Fact]
        public void A_service_on_no_network_runs_on_the_default_bridge_and_one_on_host_on_the_host_network()
        {
            var bare = ServiceFactsBuilder.Build(new SwarmServiceFacts { Name = "bare" });
            Assert.Equal(("default", "bridge"), (bare.NetworkMode, bare.Networks.Single()));
            Assert.Equal(FindingStatus.Fail, Finding<NotOnDefaultBridge>(new SwarmServiceFacts { Name = "bare" }).Status);

            var host = new SwarmServiceFacts { Name = "h", Networks = new[] { new SwarmNetworkFact { Target = "x", Name = "host", Driver = "host" } } };
            var finding = Finding<NoHostNetwork>(host);
            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Equal("Spec.TaskTemplate.Networks", finding.Key);
        }

        [Fact]
        public void Privileges_read_as_security_options()
        {
            var facts = ServiceFactsBuilder.Build(new SwarmServiceFacts
            {
                NoNewPrivileges = true, SeccompMode = "unconfined", AppArmorMode = "disabled", SELinuxDisabled = true,
            });
            Assert.Equal(new[] { "no-new-privileges:true", "seccomp=unconfined", "apparmor=unconfined", "label=disable" }, facts.SecurityOpt);
        }

        [Fact]
        public void Env_keeps_names_never_values()
        {
            var service = Hardened();
            var withSecret = new SwarmServiceFacts { Name = "s", Environment = new[] { EnvVarFact.FromEntry("API_TOKEN=s3cr3t-value") } };
            var finding = Finding<NoSecretsInEnvironment>(withSecret);
            Assert.Equal(FindingStatus.Fail, finding.Status);
            Assert.Contains("API_TOKEN", finding.Evidence);
            Assert.DoesNotContain("s3cr3t", finding.Evidence);
            Assert.Equal("Spec.TaskTemplate.ContainerSpec.Env", finding.Key);
            Assert.Equal(FindingStatus.Pass, Finding<NoSecretsInEnvironment>(service).Status);
        }

        [Fact]
        public void Settings_no_service_can_hold_are_not_applicable_at_every_version()
        {
            foreach (var api in new[] { "1.41", "1.44", "1.51" })
            {
                var finding = Finding<NotPrivileged>(Hardened(), Engine(api));
                Assert.Equal(FindingStatus.NotApplicable, finding.Status);
                Assert.Contains("privileged", finding.Evidence);
                Assert.Equal(FindingStatus.NotApplicable, Finding<NoSharedPidNamespace>(Hardened(), Engine(api)).Status);
                Assert.Equal(FindingStatus.NotApplicable, Finding<DevicesLeastPermission>(Hardened(), Engine(api)).Status);
            }
        }

        [Fact]
        public void No_new_privileges_is_decided_by_the_api_version()
        {
            var old = Finding<NoNewPrivileges>(Hardened(), Engine("1.41"));
            Assert.Equal(FindingStatus.NotApplicable, old.Status);
            Assert.Contains("API 1.41", old.Evidence);
            Assert.Contains("1.44", old.Evidence);
            Assert.Equal("Spec.TaskTemplate.ContainerSpec.Privileges.NoNewPrivileges", old.Key);

            var service = Hardened();
            Assert.Equal(FindingStatus.Fail, Finding<NoNewPrivileges>(service, Engine("1.44")).Status);
            var set = new SwarmServiceFacts { Name = "n", NoNewPrivileges = true };
            Assert.Equal(FindingStatus.Pass, Finding<NoNewPrivileges>(set, Engine("1.45")).Status);
        }

        [Fact]
        public void Capabilities_need_api_1_41_and_an_unknown_version_is_said_not_guessed()
        {
            Assert.Equal(FindingStatus.NotApplicable, Finding<DropAllCapabilities>(Hardened(), Engine("1.40")).Status);
            Assert.Equal(FindingStatus.Pass, Finding<DropAllCapabilities>(Hardened(), Engine("1.41")).Status);
            var unknown = Finding<DropAllCapabilities>(Hardened(), Engine(""));
            Assert.Equal(FindingStatus.NotApplicable, unknown.Status);
            Assert.Contains("did not report an API version", unknown.Evidence);
        }

        [Fact]
        public void Swap_is_judged_only_where_the_spec_carries_it()
        {
            Assert.Equal(FindingStatus.NotApplicable, Finding<MemorySwapLimit>(Hardened()).Status);
            var noSwap = new SwarmServiceFacts { Name = "s", MemoryLimit = 256L << 20, SwapBytes = 0 };
            Assert.Equal(FindingStatus.Pass, Finding<MemorySwapLimit>(noSwap).Status);
        }

        [Fact]
        public void Restart_any_and_unbounded_on_failure_fail_bounded_on_failure_passes()
        {
            Assert.Equal(FindingStatus.Fail, Finding<RestartPolicyBounded>(new SwarmServiceFacts { Name = "a", RestartCondition = "any" }).Status);
            Assert.Equal(FindingStatus.Fail, Finding<RestartPolicyBounded>(new SwarmServiceFacts { Name = "b", RestartCondition = "on-failure", RestartMaxAttempts = 0 }).Status);
            Assert.Equal(FindingStatus.Pass, Finding<RestartPolicyBounded>(Hardened()).Status);
        }

        [Fact]
        public void Without_user_or_healthcheck_the_image_decides_and_an_image_the_manager_lacks_is_unknown()
        {
            var bare = new SwarmServiceFacts { Name = "u", Image = "app:1.0" };
            var unknown = Finding<RunAsNonRootUser>(bare, image: new ServiceImage("app:1.0", null, "unix:///m"));
            Assert.Equal(FindingStatus.Warn, unknown.Status);
            Assert.Contains("USER is unknown", unknown.Evidence);

            var local = new ServiceImage("app:1.0", new ImageFacts { Reference = "app:1.0", User = "app", HealthcheckTest = new[] { "CMD", "true" } }, "unix:///m");
            Assert.Equal(FindingStatus.Pass, Finding<RunAsNonRootUser>(bare, image: local).Status);
            Assert.Equal(FindingStatus.Pass, Finding<HealthcheckDefined>(bare, image: local).Status);
            Assert.Equal(FindingStatus.Warn, Finding<HealthcheckDefined>(bare, image: new ServiceImage("app:1.0", null, "unix:///m")).Status);

            var root = new ServiceImage("app:1.0", new ImageFacts { Reference = "app:1.0", User = "" }, "unix:///m");
            Assert.Equal(FindingStatus.Fail, Finding<RunAsNonRootUser>(bare, image: root).Status);
        }

        [Fact]
        public void A_publishing_service_that_shares_an_overlay_with_several_others_is_warned()
        {
            SwarmServiceFacts On(string name, bool publishes) => new()
            {
                Name = name,
                Networks = new[] { new SwarmNetworkFact { Target = "shared", Name = "shared", Driver = "overlay" } },
                Ports = publishes ? new[] { new ServicePortFact { TargetPort = 80, PublishedPort = 8080 } } : Array.Empty<ServicePortFact>(),
            };
            var all = new[] { On("web", true), On("db", false), On("cache", false) };
            var rule = RuleCatalog.Rule<DedicatedNetworkPerConnection>();
            var finding = ServiceAuditor.Evaluate(all[0], null, Engine(), ServiceAuditor.Fleet(all), new ContainerRule[] { rule }).Single();
            Assert.Equal(FindingStatus.Warn, finding.Status);
            var alone = ServiceAuditor.Evaluate(all[0], null, Engine(), ServiceAuditor.Fleet(all.Take(2)), new ContainerRule[] { rule }).Single();
            Assert.Equal(FindingStatus.Pass, alone.Status);
        }

        [Fact]
        public void Every_container_rule_either_names_a_service_key_or_is_not_applicable_to_services()
        {
            foreach (var rule in RuleCatalog.ContainerRules)
            {
                var key = ServiceSettingKeys.For(rule);
                var why = ServiceApi.NotExpressible(rule, "9.99", swapInSpec: true);
                Assert.True(key is not null || why is not null, $"{rule.Info.Id}: the service view neither reads it nor says why it cannot");
            }

            Assert.All(ServiceApi.Listed, t => Assert.Contains(RuleCatalog.ContainerRules, r => r.GetType() == t));
        }
    }
}
