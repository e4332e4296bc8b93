namespace DockerHarden.Facts
{
    /// <summary>What an environment value is, judged once where the value is read and then forgotten (it may be a secret).</summary>
    internal enum EnvValueShape
    {
        /// <summary>Empty or unset.</summary>
        None,
        /// <summary>Any other literal text.</summary>
        Literal,
        /// <summary>A boolean toggle (yes, no, true, false, on, off, 0, 1): MYSQL_ALLOW_EMPTY_PASSWORD=yes names a password but holds none.</summary>
        Toggle,
        /// <summary>A path to a mounted secret file (/run/secrets/...): the recommended way, not a secret itself.</summary>
        SecretFilePath,
    }
}
