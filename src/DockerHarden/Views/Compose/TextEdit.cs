using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace DockerHarden.Views.Compose
{
    /// <summary>Replace <see cref="Length"/> characters at <see cref="Start"/> with <see cref="Text"/>.</summary>
    internal readonly record struct TextEdit(int Start, int Length, string Text)
    {
        public int End => Start + Length;
    }

    /// <summary>Applying edits to text, and keeping edits made over several passes in the original's coordinates.</summary>
    internal sealed class EditLog
    {
        private List<TextEdit> _edits = new();
        private int[]? _ends;
        private int[]? _deltas;

        /// <summary>Every edit so far, sorted, in the coordinates of the original text.</summary>
        public IReadOnlyList<TextEdit> Edits => _edits;

        /// <summary>Applies non-overlapping edits (any order; equal starts keep their order) in one linear pass.</summary>
        public static string Apply(string text, IEnumerable<TextEdit> edits)
        {
            var sorted = Sort(edits);
            var sb = new StringBuilder(text.Length + sorted.Sum(e => e.Text.Length));
            int at = 0;
            foreach (var e in sorted)
            {
                if (e.Start < at)
                {
                    throw new InvalidOperationException($"overlapping edits at offset {e.Start}");
                }

                sb.Append(text, at, e.Start - at).Append(e.Text);
                at = e.End;
            }

            return sb.Append(text, at, text.Length - at).ToString();
        }

        /// <summary>
        /// Records edits made on the text as it stands after the edits already logged, converting them back to the
        /// original's coordinates with one merge walk. An edit inside text that an earlier edit inserted cannot be
        /// expressed on the original and is refused.
        /// </summary>
        public void Add(IEnumerable<TextEdit> editsOnCurrent)
        {
            var incoming = Sort(editsOnCurrent);
            var merged = new List<TextEdit>(_edits.Count + incoming.Count);
            int delta = 0;
            int i = 0;
            foreach (var e in incoming)
            {
                // Earlier edits that end before this one starts (in current coordinates) shift it.
                while (i < _edits.Count && _edits[i].Start + delta + _edits[i].Text.Length <= e.Start)
                {
                    merged.Add(_edits[i]);
                    delta += _edits[i].Text.Length - _edits[i].Length;
                    i++;
                }

                if (i < _edits.Count && _edits[i].Start + delta < e.End)
                {
                    throw new InvalidOperationException($"an edit at offset {e.Start} overlaps text changed by an earlier pass");
                }

                merged.Add(new TextEdit(e.Start - delta, e.Length, e.Text));
            }

            merged.AddRange(_edits.Skip(i));
            _edits = Sort(merged);
            _ends = null;
            _deltas = null;
        }

        /// <summary>The original offset of an offset in the current text (before any edit not yet logged).</summary>
        /// <remarks>A binary search over the edits' ends in current coordinates: a repair records a change per key, so a
        /// walk over every edit per change would be quadratic on a large file.</remarks>
        public int ToOriginal(int offset)
        {
            if (_ends is null)
            {
                _ends = new int[_edits.Count];
                _deltas = new int[_edits.Count + 1];
                int running = 0;
                for (int k = 0; k < _edits.Count; k++)
                {
                    _deltas[k] = running;
                    _ends[k] = _edits[k].Start + running + _edits[k].Text.Length;
                    running += _edits[k].Text.Length - _edits[k].Length;
                }

                _deltas[_edits.Count] = running;
            }

            // The first edit that ends after the offset; every edit before it shifts the offset.
            int lo = 0, hi = _ends.Length;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (_ends[mid] > offset)
                {
                    hi = mid;
                }
                else
                {
                    lo = mid + 1;
                }
            }

            return offset - _deltas![lo];
        }

        private static List<TextEdit> Sort(IEnumerable<TextEdit> edits) =>
            edits.Select((e, index) => (e, index)).OrderBy(p => p.e.Start).ThenBy(p => p.index).Select(p => p.e).ToList();
    }
}
