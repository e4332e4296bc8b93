using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using DockerHarden.Facts;
using DockerHarden.Models;
using DockerHarden.Rules;
using DockerHarden.Rules.Daemon;
using Xunit;
using static DockerHarden.Tests.GivenDaemon;

namespace DockerHarden.Tests
{
    /// <summary>Data flows one way: the lower layers name no higher one, and rule knowledge lives in the rules.</summary>
    public class LayeringTests
    {
        private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        [Fact]
        public void Facts_types_name_no_type_of_a_higher_layer()
        {
            // The cmdlet types need System.Management.Automation, which is not here: the loadable types are enough.
            Type[] all;
            try
            {
                all = typeof(ContainerFacts).Assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                all = e.Types.Where(t => t is not null).ToArray()!;
            }

            var facts = all.Where(t => NamespaceOf(t) == "DockerHarden.Facts").ToList();
            Assert.NotEmpty(facts);
            var offending = facts
                .SelectMany(t => Signature(t).Select(used => (t, used)))
                .Where(x => x.used.Namespace is { } ns && ns.StartsWith("DockerHarden", StringComparison.Ordinal) && ns != "DockerHarden.Facts")
                .Select(x => $"{x.t.FullName} uses {x.used.FullName}")
                .Distinct()
                .ToList();
            Assert.True(offending.Count == 0, string.Join("\n", offending));
        }

        [Fact]
        public void DH008_names_the_sysctls_the_collector_reads()
        {
            var readers = RuleCatalog.DaemonRules.OfType<IReadsSysctls>().ToList();
            var dh008 = Assert.Single(readers);
            Assert.Equal("DH008", ((DaemonRule)dh008).Info.Id);
            Assert.Contains("kernel.unprivileged_userns_clone", dh008.Sysctls);
        }

        [Fact]
        public void DH019_decides_the_mode_of_each_kind_of_file()
        {
            // The facts carry only the file and what it is; 0444 is right for a certificate and too wide for a key.
            var cert = new[] { (Stat("/etc/docker/cert.pem", 0, 0, "root", "root", 0b100_100_100), DaemonFileKind.TlsCertificate) };
            var key = new[] { (Stat("/etc/docker/key.pem", 0, 0, "root", "root", 0b100_100_100), DaemonFileKind.TlsKey) };
            Assert.Equal(FindingStatus.Pass, Run<DaemonFilePermissions>(State(host: Host(files: cert))).Status);
            var o = Run<DaemonFilePermissions>(State(host: Host(files: key)));
            Assert.Equal(FindingStatus.Fail, o.Status);
            Assert.Contains("TLS key /etc/docker/key.pem root:root 0444: mode wider than 0400", o.Evidence);
        }

        private static IEnumerable<Type> Signature(Type type)
        {
            var used = new List<Type>();
            if (type.BaseType is { } b) used.Add(b);
            used.AddRange(type.GetInterfaces());
            foreach (var m in type.GetMembers(Everything))
            {
                switch (m)
                {
                    case FieldInfo f: used.Add(f.FieldType); break;
                    case PropertyInfo p: used.Add(p.PropertyType); break;
                    case MethodInfo mi:
                        used.Add(mi.ReturnType);
                        used.AddRange(mi.GetParameters().Select(x => x.ParameterType));
                        break;
                    case ConstructorInfo c: used.AddRange(c.GetParameters().Select(x => x.ParameterType)); break;
                }
            }

            return used.SelectMany(Unwrap);
        }

        private static string? NamespaceOf(Type t)
        {
            try
            {
                return t.Namespace;
            }
            catch (System.IO.FileNotFoundException)
            {
                return null; // nested in a cmdlet type, which needs System.Management.Automation
            }
        }

        private static IEnumerable<Type> Unwrap(Type t)
        {
            if (t.HasElementType) return Unwrap(t.GetElementType()!);
            return t.IsGenericType ? new[] { t }.Concat(t.GetGenericArguments().SelectMany(Unwrap)) : new[] { t };
        }
    }
}
