using System;
using System.Collections.Generic;
using DockerHarden.Facts;
using DockerHarden.Rules.Fixes;

namespace DockerHarden.Rules
{
    /// <summary>Everything a container rule may look at: the container, its engine and the audited fleet.</summary>
    internal sealed class ContainerContext
    {
        public ContainerContext(ContainerFacts container, EngineFacts engine, FleetFacts fleet)
        {
            Container = container;
            Engine = engine;
            Fleet = fleet;
        }

        public ContainerFacts Container { get; }
        public EngineFacts Engine { get; }
        public FleetFacts Fleet { get; }
    }

    /// <summary>
    /// One DH1xx rule. Pure: facts in, an outcome out; no I/O, no PowerShell types. One class per rule under
    /// Rules/Container, registered in <see cref="RuleCatalog"/>.
    /// </summary>
    internal abstract class ContainerRule
    {
        public abstract RuleInfo Info { get; }

        /// <summary>What the rule checks, for Get-HardeningRule and the docs (abstract: a rule without it does not build).</summary>
        public abstract string Description { get; }

        /// <summary>Why it matters, from the users' hardening guide and the CIS Docker Benchmark v1.6.</summary>
        public abstract string Rationale { get; }

        public abstract RuleOutcome Evaluate(ContainerContext context);

        /// <summary>The settings the rule reads, most decisive first: a view points a finding at the first one present.</summary>
        public virtual IReadOnlyList<Setting> Reads => Array.Empty<Setting>();

        /// <summary>The rule's fix in the view-neutral vocabulary, with its safety; <see cref="RuleFix.None"/> leaves the remediation text.</summary>
        public virtual RuleFix Fix => RuleFix.None;

        /// <summary>
        /// How the rule reads a declaration (a compose service) that shows neither the host that will run it nor the
        /// image's hidden settings; by default as evaluated.
        /// </summary>
        public virtual RuleOutcome Declared(RuleOutcome evaluated, DeclaredService service) => evaluated;

        /// <summary>False when a value known only at run time (a variable without a default) leaves the rule undecided.</summary>
        public virtual bool JudgesUnknownValues => false;

        /// <summary>
        /// True when the rule can still judge a value that holds a variable without a default (raw, as written): by
        /// default, when it <see cref="JudgesUnknownValues"/>; a rule that reads only part of the value may know more.
        /// </summary>
        public virtual bool JudgesUnknown(string raw) => JudgesUnknownValues;

        /// <summary>
        /// True when, with no user set, the rule is decided by the image's USER: a view that can read a local image
        /// (the compose view with an engine) judges it by that user.
        /// </summary>
        public virtual bool ReadsImageUser => false;
    }

    /// <summary>What a declaration view knows beyond the container facts.</summary>
    internal sealed class DeclaredService
    {
        private readonly Func<bool> _builtFromContext;

        // Lazy: finding a key through a long extends chain costs a walk, and only one rule ever asks.
        public DeclaredService(ContainerFacts container, Func<bool> builtFromContext)
        {
            Container = container;
            _builtFromContext = builtFromContext;
        }

        public ContainerFacts Container { get; }

        /// <summary>The service is built from a build context (compose build:), so it may name no image.</summary>
        public bool BuiltFromContext => _builtFromContext();
    }
}
