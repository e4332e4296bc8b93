using System.Linq;
using DockerHarden.Views.Compose;
using Xunit;

namespace DockerHarden.Tests
{
    public class ComposeReaderTests
    {
        [Fact]
        public void ScalarsCarryExactOffsetsQuotesIncluded()
        {
            var yaml = "services:\r\n  web:\r\n    image: \"x:1\"  # c\r\n";
            var doc = ComposeGiven.Parse(yaml);
            var image = doc.Root!.Pairs[0].Value.Pairs[0].Value.Pairs[0].Value;
            Assert.Equal("\"x:1\"", yaml.Substring(image.ContentStart, image.End - image.ContentStart));
            Assert.Equal(YamlScalarStyle.DoubleQuoted, image.Style);
            Assert.Equal((3, 12), (image.Line, image.Column));
        }

        [Fact]
        public void BlockMappingsEndWithTheirLastDescendant()
        {
            var yaml = "services:\n  web:\n    image: x\n    caps: [a, b]\n  db:\n    image: y\n";
            var web = ComposeGiven.Parse(yaml).Root!.Pairs[0].Value.Pairs[0].Value;
            Assert.Equal(yaml.IndexOf("]", System.StringComparison.Ordinal) + 1, web.End);
        }

        [Theory]
        [InlineData("services:\n  web:\n    image: a\n    image: b\n", 4, 5, "duplicate key 'image'")]
        [InlineData("services:\n  web:\n    cap_add: *nope\n", 3, 14, "refers to no anchor")]
        [InlineData("services:\n  web:\n\timage: a\n", 3, 1, "tab")]
        public void RejectsWhatComposeRejects(string yaml, int line, int column, string reason)
        {
            var e = Assert.Throws<ComposeParseException>(() => ComposeGiven.Parse(yaml));
            Assert.Equal((line, column), (e.Line, e.Column));
            Assert.Contains(reason, e.Reason);
        }

        [Fact]
        public void RefusesAnAliasBombQuickly()
        {
            var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
            for (int i = 1; i < 8; i++)
            {
                yaml += $"a{i}: &a{i} [" + string.Join(", ", System.Linq.Enumerable.Repeat(i == 1 ? "*a" : $"*a{i - 1}", 10)) + "]\n";
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var e = Assert.Throws<ComposeParseException>(() => ComposeGiven.Parse(yaml));
            Assert.Contains("alias bomb", e.Reason);
            Assert.True(watch.ElapsedMilliseconds < 2000);
        }

        [Fact]
        public void ReusedAnchorsUnderTheLimitAreFine()
        {
            var yaml = "x: &x {image: a, cap_add: [b, c]}\nservices:\n" + string.Concat(System.Linq.Enumerable.Range(0, 200).Select(i => $"  s{i}: *x\n"));
            Assert.Equal(200, ComposeGiven.Project(yaml).Services.Count);
        }

        [Fact]
        public void TextKeepsBomOutAndRestoresIt()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF, (byte)'a', (byte)':', (byte)' ', (byte)'1', (byte)'\r', (byte)'\n' };
            var (bom, text) = ComposeText.Decode(bytes, "f");
            Assert.True(bom);
            Assert.Equal("a: 1\r\n", text);
            Assert.Equal(bytes, ComposeText.Encode(bom, text));
            Assert.Throws<ComposeParseException>(() => ComposeText.Decode(new byte[] { (byte)'a', 0, (byte)'b' }, "f"));
            Assert.Throws<ComposeParseException>(() => ComposeText.Decode(new byte[] { (byte)' ', (byte)'\n' }, "f"));
        }
    }
}
