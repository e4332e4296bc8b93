namespace DockerHarden.Models
{
    /// <summary>Where a rule is evaluated.</summary>
    public enum RuleView
    {
        /// <summary>Running or created containers (Get-ContainerHardening).</summary>
        Container,
        /// <summary>Services in compose files (Get-ComposeHardening, Repair-ComposeFile).</summary>
        Compose,
        /// <summary>What New-HardenedContainer sets by default.</summary>
        Create,
        /// <summary>The engine and its host (Test-DaemonHardening, Repair-DaemonConfiguration).</summary>
        Daemon,
        /// <summary>Swarm services' task templates (Get-ServiceHardening).</summary>
        Service,
        /// <summary>Local images (Get-ImageHardening).</summary>
        Image,
    }
}
