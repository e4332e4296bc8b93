using System;
using System.Collections.Generic;
using System.Linq;
using DockerHarden.Models;

namespace DockerHarden.Rules.Fixes
{
    /// <summary>
    /// The one place that decides which view can express which fix step. An applier interprets only the steps this
    /// table lets through; every other step is "not fixable in this view" with the reason given here. Get-HardeningRule's
    /// Fix column and the catalog tests are derived from it.
    /// </summary>
    internal static class FixViews
    {
        private const string ContainerReason = "a running container cannot be changed in place; New-HardenedContainer -Replace makes a hardened twin";

        // Repair-ServiceHardening (a service update against the spec's version index, converged or rolled back) is not built
        // yet: until it is, the Service view reports and fixes nothing, and says so once here.
        private const string ServiceReason = "no service applier yet: change the service with docker service update (the finding's Key names the spec key) " +
            "or in its stack file, which Get-ComposeHardening audits and Repair-ComposeFile fixes";

        private static readonly Dictionary<Type, string> ComposeCannot = new()
        {
            [typeof(LowerDevicePermissions)] = "device permissions are written by hand in each devices: entry (SRC:DST:r)",
            [typeof(UseDedicatedNetwork)] = "the networks a service joins are the application's topology; declare a network under networks:",
            [typeof(SetStorageQuota)] = "whether a quota can be enforced depends on the storage driver of the host that runs the file",
            [typeof(ClearLogDriverNone)] = "where logs go is the host's choice (the daemon's log driver), not the file's; a logging.driver: none is removed by hand",
            [typeof(SetMountPropagationPrivate)] = "propagation is part of a long-syntax volumes: entry (bind.propagation); change it by hand",
            [typeof(SetRestartPolicy)] = "restart: and deploy.restart_policy mean different things to docker-compose and Swarm; set it by hand",
        };

        /// <summary>Null when <paramref name="view"/> can express the step; otherwise why not.</summary>
        public static string? NotFixable(RuleView view, FixStep step)
        {
            bool daemonStep = step is SetDaemonKey or RemoveDaemonKey or FilterDaemonList or SetDaemonLogDriver;
            return view switch
            {
                RuleView.Daemon => daemonStep ? null : "not a daemon setting",
                _ when daemonStep => "a daemon.json setting; Repair-DaemonConfiguration writes it",
                RuleView.Container => ContainerReason,
                RuleView.Compose => ComposeCannot.TryGetValue(step.GetType(), out var why) ? why : null,
                RuleView.Create => null,
                RuleView.Service => ServiceReason,
                _ => "no applier for this view",
            };
        }

        /// <summary>True when the view expresses every step of the fix.</summary>
        public static bool Fixable(RuleView view, RuleFix fix) => fix.HasSteps && fix.Steps.All(s => NotFixable(view, s) is null);

        /// <summary>The views a rule serves: derived from the kind of rule.</summary>
        public static IReadOnlyList<RuleView> ViewsOf(bool daemonRule) =>
            daemonRule ? new[] { RuleView.Daemon } : new[] { RuleView.Container, RuleView.Compose, RuleView.Create, RuleView.Service };
    }
}
