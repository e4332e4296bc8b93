using System;
using System.Collections;
using System.Collections.Generic;

namespace DockerHarden.Commands
{
    /// <summary>Hashtable parameters (@{ key = value }) as the plain string maps the layers below take.</summary>
    internal static class Hashtables
    {
        /// <summary>Keys and values as strings (null values as ""); when two keys print alike, the last one wins.</summary>
        public static IReadOnlyDictionary<string, string> ToStrings(Hashtable? table)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (DictionaryEntry entry in table ?? new Hashtable())
            {
                map[entry.Key.ToString() ?? ""] = entry.Value?.ToString() ?? "";
            }

            return map;
        }
    }
}
