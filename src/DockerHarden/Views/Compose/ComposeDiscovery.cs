using System;
using System.Collections.Generic;
using System.Linq;

namespace DockerHarden.Views.Compose
{
    /// <summary>The compose file (and override file) found in a directory, and the other candidates passed over.</summary>
    internal sealed record DiscoveredProject(string Directory, string File, string? Override, IReadOnlyList<string> PassedOver)
    {
        /// <summary>The files to merge, in order: the compose file, then its override file.</summary>
        public IReadOnlyList<string> Files => Override is null ? new[] { File } : new[] { File, Override };
    }

    /// <summary>
    /// Finds the compose file of a directory as docker compose (compose-go) does without -f: the first of
    /// <see cref="FileNames"/> that exists, plus the first of <see cref="OverrideNames"/> beside it; without a path,
    /// the working directory and then each parent. Pure: the file system is a predicate.
    /// </summary>
    internal static class ComposeDiscovery
    {
        /// <summary>compose-go's DefaultFileNames, in its order of preference.</summary>
        public static readonly IReadOnlyList<string> FileNames = new[] { "compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml" };

        /// <summary>compose-go's DefaultOverrideFileNames, in its order of preference.</summary>
        public static readonly IReadOnlyList<string> OverrideNames =
            new[] { "compose.override.yml", "compose.override.yaml", "docker-compose.override.yml", "docker-compose.override.yaml" };

        /// <summary>
        /// The project in <paramref name="directory"/>, or (with <paramref name="walkUp"/>) in the nearest parent that
        /// has one; null when none has a compose file.
        /// </summary>
        public static DiscoveredProject? Find(string directory, Func<string, bool> fileExists, bool walkUp)
        {
            for (string? dir = directory; dir is not null; dir = walkUp ? Parent(dir) : null)
            {
                var files = FileNames.Select(n => System.IO.Path.Combine(dir, n)).Where(fileExists).ToList();
                if (files.Count == 0)
                {
                    continue;
                }

                var overrides = OverrideNames.Select(n => System.IO.Path.Combine(dir, n)).Where(fileExists).ToList();
                return new DiscoveredProject(dir, files[0], overrides.FirstOrDefault(), files.Skip(1).Concat(overrides.Skip(1)).ToList());
            }

            return null;
        }

        /// <summary>"compose.yaml, compose.yml, docker-compose.yml or docker-compose.yaml", for messages.</summary>
        public static string Names() => string.Join(", ", FileNames.Take(FileNames.Count - 1)) + " or " + FileNames[^1];

        private static string? Parent(string dir)
        {
            var parent = System.IO.Path.GetDirectoryName(dir.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar));
            return string.IsNullOrEmpty(parent) || parent == dir ? null : parent;
        }
    }

    /// <summary>What one path value names: a file, the files a wildcard matched, or a directory's project.</summary>
    internal sealed record NamedFiles(string Given, IReadOnlyList<string> Files, bool OwnProject);

    /// <summary>How the paths of one call (or one pipeline record) become projects to audit or repair.</summary>
    internal static class ComposeFileSets
    {
        /// <summary>
        /// Files named one by one are merged in the order given (docker compose -f a -f b); each file a wildcard matched
        /// and each directory's project stands on its own, so that one malformed match cannot hide the others and a
        /// pattern's alphabetical order never decides which file overrides which. The merged set comes where its
        /// first file was named.
        /// </summary>
        public static IReadOnlyList<IReadOnlyList<string>> Group(IEnumerable<NamedFiles> named)
        {
            var result = new List<IReadOnlyList<string>>();
            List<string>? merged = null;
            foreach (var item in named)
            {
                if (item.Files.Count == 0)
                {
                    continue;
                }

                if (item.OwnProject)
                {
                    result.Add(item.Files);
                    continue;
                }

                if (merged is null)
                {
                    merged = new List<string>();
                    result.Add(merged);
                }

                merged.AddRange(item.Files);
            }

            return result;
        }

        /// <summary>A key for a set of files (order matters: a -f b is not b -f a).</summary>
        public static string Key(IReadOnlyList<string> files) => string.Join("\n", files);
    }
}
