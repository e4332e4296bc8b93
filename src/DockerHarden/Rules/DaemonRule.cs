using System;
using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules
{
    /// <summary>Everything a daemon rule may look at: the facts and the caller's choices (-AllowedUser).</summary>
    internal sealed class DaemonContext
    {
        public DaemonContext(DaemonFacts facts, IReadOnlyCollection<string>? allowedUsers = null)
        {
            Facts = facts;
            AllowedUsers = allowedUsers ?? Array.Empty<string>();
        }

        public DaemonFacts Facts { get; }

        /// <summary>Users allowed in the docker group (DH001); empty when the caller named none.</summary>
        public IReadOnlyCollection<string> AllowedUsers { get; }
    }

    /// <summary>
    /// One DH0xx rule. Pure: facts in, an outcome out; no I/O, no PowerShell types. One class per rule under
    /// Rules/Daemon, registered in RuleCatalog.Daemon.cs.
    /// </summary>
    internal abstract class DaemonRule
    {
        public abstract RuleInfo Info { get; }

        /// <summary>What the rule checks, for Get-HardeningRule and the docs (abstract: a rule without it does not build).</summary>
        public abstract string Description { get; }

        /// <summary>Why it matters, from the users' hardening guide and the CIS Docker Benchmark v1.6.</summary>
        public abstract string Rationale { get; }

        public abstract RuleOutcome Evaluate(DaemonContext context);

        /// <summary>The rule's fix in daemon.json terms, with its safety; <see cref="RuleFix.None"/> leaves the remediation text.</summary>
        public virtual RuleFix Fix => RuleFix.None;

        /// <summary>Host facts, or the NotApplicable outcome that says why there are none.</summary>
        protected static bool TryGetHost(DaemonFacts facts, out HostFacts host, out RuleOutcome notApplicable)
        {
            host = facts.Host!;
            notApplicable = RuleOutcome.NotApplicable(facts.HostUnavailableReason.Length > 0
                ? facts.HostUnavailableReason : "host facts are not available");
            return facts.Host is not null;
        }

        /// <summary>The daemon's settings (flags + daemon.json), or the NotApplicable outcome that says why they are unknown.</summary>
        protected static bool TryGetSettings(DaemonFacts facts, out DaemonSettings settings, out RuleOutcome notApplicable)
        {
            settings = facts.Config.Settings!;
            notApplicable = RuleOutcome.NotApplicable(facts.Config.UnavailableReason.Length > 0
                ? facts.Config.UnavailableReason : "the daemon configuration is not available");
            return facts.Config.Settings is not null;
        }
    }
}
