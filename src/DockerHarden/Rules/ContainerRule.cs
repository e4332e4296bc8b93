using DockerHarden.Facts;

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

        public abstract RuleOutcome Evaluate(ContainerContext context);
    }
}
