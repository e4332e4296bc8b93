using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;
using DockerHarden.Facts;

namespace DockerHarden.Loading
{
    /// <summary>
    /// Loads DockerHarden.Adapters and its third-party dependencies (Docker.DotNet, YamlDotNet, logging
    /// abstractions) from the module's dependencies/ folder into a private load context. Another module that
    /// loaded a different YamlDotNet into the default context cannot break us, and we cannot break it.
    /// </summary>
    internal static class AdapterLoader
    {
        private const string DependencyFolder = "dependencies";
        private const string AdapterAssembly = "DockerHarden.Adapters";
        private const string FactoryType = "DockerHarden.Adapters.AdapterFactory";

        private static readonly Lazy<IAdapterFactory> LazyFactory = new(CreateFactory);

        public static IAdapterFactory Factory => LazyFactory.Value;

        private static IAdapterFactory CreateFactory()
        {
            var moduleDir = Path.GetDirectoryName(typeof(AdapterLoader).Assembly.Location) ?? ".";
            var dependencyDir = Path.Combine(moduleDir, DependencyFolder);
            var context = new DependencyLoadContext(dependencyDir);
            var assembly = context.LoadFromAssemblyPath(Path.Combine(dependencyDir, AdapterAssembly + ".dll"));
            var type = assembly.GetType(FactoryType, throwOnError: true)!;
            return (IAdapterFactory)Activator.CreateInstance(type)!;
        }

        private sealed class DependencyLoadContext : AssemblyLoadContext
        {
            private readonly string _directory;

            public DependencyLoadContext(string directory)
                : base("DockerHarden.Dependencies", isCollectible: false)
            {
                _directory = directory;
            }

            protected override Assembly? Load(AssemblyName assemblyName)
            {
                // Our own module assembly must stay the default-context copy, or the interfaces would not match.
                if (string.Equals(assemblyName.Name, typeof(AdapterLoader).Assembly.GetName().Name, StringComparison.Ordinal))
                {
                    return null;
                }

                var path = Path.Combine(_directory, assemblyName.Name + ".dll");
                return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
            }
        }
    }
}
