using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DockerHarden.Facts;

namespace DockerHarden.Adapters.Docker
{
    /// <summary>
    /// Which engine to talk to, resolved the way the docker CLI does: -DockerHost, then DOCKER_HOST, then the
    /// current docker context (DOCKER_CONTEXT or config.json), then the platform default. TLS material comes from
    /// DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, or from the context's tls folder.
    /// </summary>
    internal sealed class DockerEndpoint
    {
        private DockerEndpoint(string host, string? certDirectory, string source)
        {
            Host = host;
            CertDirectory = certDirectory;
            Source = source;
        }

        /// <summary>The endpoint URI as users write it.</summary>
        public string Host { get; }

        /// <summary>Folder with ca.pem, cert.pem and key.pem when the endpoint uses TLS; otherwise null.</summary>
        public string? CertDirectory { get; }

        /// <summary>Where the endpoint came from, for error messages.</summary>
        public string Source { get; }

        public static DockerEndpoint Resolve(string? dockerHost)
        {
            if (!string.IsNullOrWhiteSpace(dockerHost))
            {
                return FromHost(dockerHost!.Trim(), "-DockerHost");
            }

            var envHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
            if (!string.IsNullOrWhiteSpace(envHost))
            {
                return FromHost(envHost!.Trim(), "DOCKER_HOST");
            }

            var context = FromContext();
            if (context is not null)
            {
                return context;
            }

            var fallback = RuntimeInformation.IsOSPlatform(OSPlatform.Windows)
                ? "npipe://./pipe/docker_engine"
                : "unix:///var/run/docker.sock";
            return new DockerEndpoint(fallback, null, "the platform default");
        }

        private static DockerEndpoint FromHost(string host, string source)
        {
            var tlsVerify = Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY");
            string? certs = null;
            if (!string.IsNullOrEmpty(tlsVerify) && tlsVerify != "0" && !host.StartsWith("unix://", StringComparison.OrdinalIgnoreCase))
            {
                certs = Environment.GetEnvironmentVariable("DOCKER_CERT_PATH");
                if (string.IsNullOrEmpty(certs))
                {
                    certs = Path.Combine(ConfigDirectory(), "");
                }
            }

            return new DockerEndpoint(host, certs, source);
        }

        private static DockerEndpoint? FromContext()
        {
            var name = Environment.GetEnvironmentVariable("DOCKER_CONTEXT");
            var configDir = ConfigDirectory();
            var source = "DOCKER_CONTEXT";
            if (string.IsNullOrEmpty(name))
            {
                var configFile = Path.Combine(configDir, "config.json");
                if (!File.Exists(configFile))
                {
                    return null;
                }

                try
                {
                    using var config = JsonDocument.Parse(File.ReadAllText(configFile));
                    if (config.RootElement.ValueKind == JsonValueKind.Object &&
                        config.RootElement.TryGetProperty("currentContext", out var current) && current.ValueKind == JsonValueKind.String)
                    {
                        name = current.GetString();
                    }
                }
                catch (JsonException e)
                {
                    throw new EngineException(EngineErrorKind.InvalidConfiguration, configFile, $"{configFile} is not valid JSON: {e.Message}", e);
                }

                source = $"the current docker context in {configFile}";
            }

            if (string.IsNullOrEmpty(name) || name == "default")
            {
                return null;
            }

            var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(name!))).ToLowerInvariant();
            var meta = Path.Combine(configDir, "contexts", "meta", hash, "meta.json");
            if (!File.Exists(meta))
            {
                throw new EngineException(EngineErrorKind.InvalidConfiguration, $"context {name}",
                    $"The docker context '{name}' ({source}) does not exist: {meta} is missing.");
            }

            using var document = JsonDocument.Parse(File.ReadAllText(meta));
            if (!document.RootElement.TryGetProperty("Endpoints", out var endpoints) ||
                !endpoints.TryGetProperty("docker", out var docker) ||
                !docker.TryGetProperty("Host", out var hostElement) || hostElement.GetString() is not { Length: > 0 } host)
            {
                throw new EngineException(EngineErrorKind.InvalidConfiguration, $"context {name}",
                    $"The docker context '{name}' has no docker endpoint in {meta}.");
            }

            var tls = Path.Combine(configDir, "contexts", "tls", hash, "docker");
            return new DockerEndpoint(host, Directory.Exists(tls) ? tls : null, $"docker context '{name}'");
        }

        private static string ConfigDirectory()
        {
            var configured = Environment.GetEnvironmentVariable("DOCKER_CONFIG");
            return string.IsNullOrEmpty(configured)
                ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker")
                : configured!;
        }
    }
}
