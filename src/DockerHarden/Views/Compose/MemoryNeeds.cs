using System.Collections.Generic;
using System.Linq;
using DockerHarden.Rules;

namespace DockerHarden.Views.Compose
{
    /// <summary>
    /// Reads from a service what bounds its memory limit from below (<see cref="MemoryFloor"/>): mem_reservation,
    /// deploy.resources.reservations.memory, and JVM heap flags in the environment, command or entrypoint. Only the
    /// flag is kept (-Xmx512m), never the rest of a value: an environment value may hold a secret.
    /// </summary>
    internal static class MemoryNeeds
    {
        public static (IReadOnlyList<MemoryNeed> Reservations, IReadOnlyList<MemoryNeed> Heaps) Of(ResolvedNode service)
        {
            var reservations = new List<MemoryNeed>();
            foreach (var key in new[] { "mem_reservation", "deploy.resources.reservations.memory" })
            {
                if (service.At(key) is { Kind: YamlNodeKind.Scalar, IsNull: false } node &&
                    ComposeValues.ParseBytes(Interpolation.Apply(node.Raw).Value) is > 0 and var bytes)
                {
                    reservations.Add(new MemoryNeed(key, bytes));
                }
            }

            var heaps = new List<MemoryNeed>();
            void Look(string where, string raw)
            {
                if (MemoryFloor.Heap(Interpolation.Apply(raw).Value) is { } heap)
                {
                    heaps.Add(new MemoryNeed($"{heap.Flag} in {where}", heap.Bytes));
                }
            }

            var env = service["environment"];
            if (env?.Kind == YamlNodeKind.Mapping)
            {
                foreach (var entry in env.Entries.Where(e => e.Value.Kind == YamlNodeKind.Scalar))
                {
                    Look(entry.Key, entry.Value.Raw);
                }
            }
            else if (env?.Kind == YamlNodeKind.Sequence)
            {
                foreach (var item in env.Items.Where(i => i.Kind == YamlNodeKind.Scalar))
                {
                    int eq = item.Raw.IndexOf('=');
                    if (eq > 0)
                    {
                        Look(item.Raw.Substring(0, eq), item.Raw.Substring(eq + 1));
                    }
                }
            }

            foreach (var key in new[] { "command", "entrypoint" })
            {
                var node = service[key];
                var text = node?.Kind switch
                {
                    YamlNodeKind.Scalar => node.Raw,
                    YamlNodeKind.Sequence => string.Join(" ", node.Items.Where(i => i.Kind == YamlNodeKind.Scalar).Select(i => i.Raw)),
                    _ => "",
                };
                Look(key, text);
            }

            return (reservations, heaps);
        }
    }
}
