using System;
using System.Collections.Generic;
using System.Formats.Tar;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using System.Threading;
using DockerHarden.Facts;

namespace DockerHarden.Views.Image
{
    /// <summary>
    /// Finds the setuid/setgid files of an image in the archive the engine streams (GET /images/{name}/get, what
    /// docker save writes), without writing anything to disk. The outer tar is read entry by entry; each layer tar is
    /// read entry by entry from inside it, headers only (file contents are skipped, never buffered), so memory grows
    /// with the number of paths, not with the size of the image. The archive lists the layer order (manifest.json)
    /// after the layers, so each layer's findings, whiteouts and a hash of each path it writes are kept, and the layers
    /// are merged at the end as the engine merges them: an upper layer's whiteout or rewrite hides a lower file.
    /// </summary>
    internal static class ImageArchiveScanner
    {
        private const string WhiteoutPrefix = ".wh.";
        private const string OpaqueMarker = ".wh..wh..opq";
        private const int SetUid = 0x800; // 04000
        private const int SetGid = 0x400; // 02000

        /// <summary>What one layer holds that matters for the merge.</summary>
        private sealed class LayerScan
        {
            public List<SetIdFile> SetIdFiles { get; } = new();
            public HashSet<string> Whiteouts { get; } = new(StringComparer.Ordinal);
            public HashSet<string> OpaqueDirs { get; } = new(StringComparer.Ordinal);
            /// <summary>64-bit hashes of every path the layer writes: enough to know it replaces a lower file, at 8 bytes a path.</summary>
            public HashSet<ulong> Paths { get; } = new();
        }

        /// <summary>The setuid/setgid regular files of the merged filesystem, by path.</summary>
        public static IReadOnlyList<SetIdFile> Scan(Stream archive, CancellationToken cancellationToken)
        {
            var layers = new Dictionary<string, LayerScan>(StringComparer.Ordinal);
            List<string>? order = null;
            using var outer = new TarReader(archive, leaveOpen: true);
            while (outer.GetNextEntry(copyData: false) is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    continue;
                }

                var name = entry.Name.TrimStart('.', '/');
                if (name == "manifest.json")
                {
                    order = ReadOrder(entry.DataStream);
                }
                else if (name.EndsWith("/layer.tar", StringComparison.Ordinal) || name.StartsWith("blobs/", StringComparison.Ordinal))
                {
                    // OCI blobs are configs and manifests too: only a tar (or gzipped tar) is a layer.
                    if (ScanLayer(entry.DataStream, cancellationToken) is { } layer)
                    {
                        layers[name] = layer;
                    }
                }
            }

            return Merge(order ?? layers.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList(), layers);
        }

        /// <summary>Merges the layers bottom-up: a whiteout, an opaque directory or a rewrite in an upper layer hides a lower file.</summary>
        private static IReadOnlyList<SetIdFile> Merge(IReadOnlyList<string> order, IReadOnlyDictionary<string, LayerScan> layers)
        {
            var present = order.Where(layers.ContainsKey).Select(k => layers[k]).ToList();
            var merged = new Dictionary<string, SetIdFile>(StringComparer.Ordinal);
            for (var i = 0; i < present.Count; i++)
            {
                var layer = present[i];
                foreach (var path in merged.Keys.ToList())
                {
                    if (layer.Paths.Contains(Hash(path)) || Hidden(path, layer))
                    {
                        merged.Remove(path);
                    }
                }

                foreach (var file in layer.SetIdFiles)
                {
                    merged[file.Path] = file;
                }
            }

            return merged.Values.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        }

        private static bool Hidden(string path, LayerScan layer)
        {
            for (var dir = path; dir.Length > 1;)
            {
                if (layer.Whiteouts.Contains(dir))
                {
                    return true;
                }

                var slash = dir.LastIndexOf('/');
                dir = slash <= 0 ? "/" : dir.Substring(0, slash);
                if (layer.OpaqueDirs.Contains(dir))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Reads one layer's headers; null when the blob is not a tar (an OCI config or manifest).</summary>
        private static LayerScan? ScanLayer(Stream data, CancellationToken cancellationToken)
        {
            var head = new byte[512];
            var read = ReadFully(data, head);
            Stream body = new PrefixedStream(head, read, data);
            if (read >= 2 && head[0] == 0x1f && head[1] == 0x8b)
            {
                body = new GZipStream(body, CompressionMode.Decompress);
            }
            else if (read < 512 || !(head[257] == (byte)'u' && head[258] == (byte)'s' && head[259] == (byte)'t' && head[260] == (byte)'a' && head[261] == (byte)'r'))
            {
                return null;
            }

            var layer = new LayerScan();
            using var reader = new TarReader(body, leaveOpen: true);
            try
            {
                while (reader.GetNextEntry(copyData: false) is { } entry)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Record(layer, entry);
                }
            }
            catch (InvalidDataException) when (layer.Paths.Count == 0)
            {
                return null;
            }

            return layer;
        }

        private static void Record(LayerScan layer, TarEntry entry)
        {
            var path = "/" + entry.Name.TrimStart('.').Trim('/');
            var slash = path.LastIndexOf('/');
            var dir = slash <= 0 ? "/" : path.Substring(0, slash);
            var file = path.Substring(slash + 1);
            if (file == OpaqueMarker)
            {
                layer.OpaqueDirs.Add(dir);
                return;
            }

            if (file.StartsWith(WhiteoutPrefix, StringComparison.Ordinal))
            {
                layer.Whiteouts.Add((dir == "/" ? "" : dir) + "/" + file.Substring(WhiteoutPrefix.Length));
                return;
            }

            layer.Paths.Add(Hash(path));
            var mode = (int)entry.Mode;
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile && (mode & (SetUid | SetGid)) != 0)
            {
                layer.SetIdFiles.Add(new SetIdFile { Path = path, SetUid = (mode & SetUid) != 0, SetGid = (mode & SetGid) != 0, Mode = mode });
            }
        }

        private static List<string>? ReadOrder(Stream data)
        {
            try
            {
                using var doc = JsonDocument.Parse(data);
                if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0 ||
                    !doc.RootElement[0].TryGetProperty("Layers", out var layers) || layers.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                return layers.EnumerateArray().Select(l => (l.GetString() ?? "").TrimStart('.', '/')).ToList();
            }
            catch (JsonException)
            {
                return null;
            }
        }

        // FNV-1a over the UTF-16 code units: a stable 64-bit path hash (collisions among a layer's paths are negligible).
        private static ulong Hash(string path)
        {
            var hash = 14695981039346656037UL;
            foreach (var ch in path)
            {
                hash = (hash ^ ch) * 1099511628211UL;
            }

            return hash;
        }

        private static int ReadFully(Stream stream, byte[] buffer)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var n = stream.Read(buffer, total, buffer.Length - total);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            return total;
        }

        /// <summary>A read-only stream that gives back the bytes already read to sniff the format, then the rest.</summary>
        private sealed class PrefixedStream : Stream
        {
            private readonly byte[] _prefix;
            private readonly int _length;
            private readonly Stream _rest;
            private int _position;

            public PrefixedStream(byte[] prefix, int length, Stream rest)
            {
                _prefix = prefix;
                _length = length;
                _rest = rest;
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (_position < _length)
                {
                    var n = Math.Min(count, _length - _position);
                    Array.Copy(_prefix, _position, buffer, offset, n);
                    _position += n;
                    return n;
                }

                return _rest.Read(buffer, offset, count);
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
