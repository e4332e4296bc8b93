namespace DockerHarden.Commands
{
    /// <summary>
    /// Where Get-Help -Online goes: this project's own help pages, the en-US markdown files at the ProjectUri of
    /// DockerHarden.psd1. Each cmdlet's HelpUri and the "online version" of its page name the same address.
    /// </summary>
    internal static class HelpLinks
    {
        public const string Base = "https://github.com/dockerharden/DockerHarden/blob/main/en-US/";
    }
}
