using System.Management.Automation;
using DockerHarden.Completion;

namespace DockerHarden.Commands
{
    /// <summary>Base of the cmdlets that choose rules: -Rule and -ExcludeRule, declared once (see <see cref="RuleSelection"/>).</summary>
    public abstract class RuleCmdlet : HardeningCmdlet
    {
        /// <summary>Only these rules (ids or names, wildcards allowed), for example DH10*.</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? Rule { get; set; }

        /// <summary>Skip these rules (ids or names, wildcards allowed).</summary>
        [Parameter]
        [SupportsWildcards]
        [ArgumentCompleter(typeof(RuleIdCompleter))]
        public string[]? ExcludeRule { get; set; }
    }
}
