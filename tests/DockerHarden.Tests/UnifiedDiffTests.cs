using System;
using System.Collections.Generic;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    /// <summary>The diff marks a last line without a newline as diff(1) does, so patch and git apply reproduce the file.</summary>
    public class UnifiedDiffTests
    {
        private const string Marker = "\\ No newline at end of file";

        [Fact]
        public void MarksARemovedLastLineWithoutNewline()
        {
            var text = "services:\n  a:\n    image: x\n    privileged: true";
            var diff = UnifiedDiff.FromEdits(text, new List<TextEdit> { new(text.IndexOf("\n    privileged", StringComparison.Ordinal), 21, "") }, "a", "a");
            // The edit takes the newline before the key too, so the new last line is open as well.
            Assert.EndsWith("-    image: x\n-    privileged: true\n" + Marker + "\n+    image: x\n" + Marker + "\n", diff, StringComparison.Ordinal);
        }

        [Fact]
        public void MarksAnUnchangedLastLineWithoutNewlineOnce()
        {
            var text = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5";
            var diff = UnifiedDiff.FromEdits(text, new List<TextEdit> { new(text.IndexOf("d: 4", StringComparison.Ordinal) + 3, 1, "9") }, "a", "a");
            Assert.EndsWith("-d: 4\n+d: 9\n e: 5\n" + Marker + "\n", diff, StringComparison.Ordinal);
            Assert.Equal(2, diff.Split(Marker).Length);
        }

        [Fact]
        public void MarksBothSidesWhenTheNewTextStaysOpen()
        {
            var text = "a: 1\nb: 2";
            var diff = UnifiedDiff.FromEdits(text, new List<TextEdit> { new(text.Length - 1, 1, "3") }, "a", "a");
            Assert.EndsWith("-b: 2\n" + Marker + "\n+b: 3\n" + Marker + "\n", diff, StringComparison.Ordinal);
        }

        [Fact]
        public void NoMarkerForAFileThatEndsWithANewline()
        {
            var text = "a: 1\nb: 2\n";
            var diff = UnifiedDiff.FromEdits(text, new List<TextEdit> { new(text.Length - 2, 1, "3") }, "a", "a");
            Assert.DoesNotContain(Marker, diff, StringComparison.Ordinal);
        }
    }
}
