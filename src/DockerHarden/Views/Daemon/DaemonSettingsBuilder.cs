using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using DockerHarden.Facts;

namespace DockerHarden.Views.Daemon
{
    /// <summary>
    /// Merges a dockerd command line with its daemon.json into settings keyed by daemon.json name. dockerd refuses
    /// to start when both set the same key, so whichever source has it is the truth. Pure: no I/O.
    /// </summary>
    internal static class DaemonSettingsBuilder
    {
        // daemon.json key -> the dockerd flags that set it.
        private static readonly (string Key, string[] Flags, bool IsSwitch)[] FlagMap =
        {
            ("hosts", new[] { "-H", "--host" }, false),
            ("tls", new[] { "--tls" }, true),
            ("tlsverify", new[] { "--tlsverify" }, true),
            ("tlscacert", new[] { "--tlscacert" }, false),
            ("tlscert", new[] { "--tlscert" }, false),
            ("tlskey", new[] { "--tlskey" }, false),
            ("bridge", new[] { "-b", "--bridge" }, false),
            ("icc", new[] { "--icc" }, true),
            ("iptables", new[] { "--iptables" }, true),
            ("userns-remap", new[] { "--userns-remap" }, false),
            ("cgroup-parent", new[] { "--cgroup-parent" }, false),
            ("log-driver", new[] { "--log-driver" }, false),
            ("log-opts", new[] { "--log-opt" }, false),
            ("no-new-privileges", new[] { "--no-new-privileges" }, true),
            ("live-restore", new[] { "--live-restore" }, true),
            ("userland-proxy", new[] { "--userland-proxy" }, true),
            ("seccomp-profile", new[] { "--seccomp-profile" }, false),
            ("insecure-registries", new[] { "--insecure-registry" }, false),
            ("experimental", new[] { "--experimental" }, true),
            ("authorization-plugins", new[] { "--authorization-plugin" }, false),
            ("data-root", new[] { "--data-root", "-g", "--graph" }, false),
        };

        /// <summary>Settings from the command line (may be null) and the config text (may be empty).</summary>
        public static DaemonSettings Build(DaemonProcess? daemon, string configPath, string configText)
        {
            var settings = new List<DaemonSetting>();
            if (configText.Trim().Length > 0)
            {
                // dockerd reads the first JSON value only (what follows is ignored), null as no settings, and the last of duplicate keys.
                var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(configText), new JsonReaderOptions { MaxDepth = DaemonConfigValidator.MaxDepth });
                using var document = JsonDocument.ParseValue(ref reader);
                if (document.RootElement.ValueKind == JsonValueKind.Object)
                {
                    foreach (var property in document.RootElement.EnumerateObject())
                    {
                        settings.Add(new DaemonSetting(property.Name, Values(property.Value), configPath));
                    }
                }
            }

            if (daemon is not null)
            {
                foreach (var (key, flags, isSwitch) in FlagMap)
                {
                    var source = $"dockerd {flags.Last()} (pid {daemon.Pid})";
                    if (isSwitch)
                    {
                        if (flags.Select(daemon.Switch).LastOrDefault(v => v.HasValue) is bool value)
                        {
                            settings.Add(new DaemonSetting(key, new[] { value ? "true" : "false" }, source, FromFlag: true));
                        }
                    }
                    else
                    {
                        var values = daemon.Values(flags);
                        if (values.Count > 0)
                        {
                            settings.Add(new DaemonSetting(key, values, source, FromFlag: true));
                        }
                    }
                }
            }

            return new DaemonSettings(settings);
        }

        private static IReadOnlyList<string> Values(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => new[] { value.GetString()! },
            JsonValueKind.True => new[] { "true" },
            JsonValueKind.False => new[] { "false" },
            JsonValueKind.Array => value.EnumerateArray().Select(Scalar).ToList(),
            JsonValueKind.Object => value.EnumerateObject().Select(p => $"{p.Name}={Scalar(p.Value)}").ToList(),
            JsonValueKind.Null => Array.Empty<string>(),
            _ => new[] { value.GetRawText() },
        };

        private static string Scalar(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => value.GetRawText(),
        };
    }
}
