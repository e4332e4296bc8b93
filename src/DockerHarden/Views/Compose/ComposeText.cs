using System;
using System.Text;

namespace DockerHarden.Views.Compose
{
    /// <summary>
    /// A compose file's bytes as text and back, byte for byte: the UTF-8 BOM is kept aside and restored, line ends
    /// are left as they are. Rejects what is not a text file (NUL bytes, invalid UTF-8, UTF-16) with a position.
    /// </summary>
    internal static class ComposeText
    {
        private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

        public static (bool Bom, string Text) Decode(byte[] bytes, string path)
        {
            bool bom = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF;
            if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
            {
                throw new ComposeParseException(path, 1, 1, "the file is UTF-16; compose files must be UTF-8");
            }

            int start = bom ? 3 : 0;
            int nul = Array.IndexOf(bytes, (byte)0, start);
            if (nul >= 0)
            {
                var (line, column) = Position(bytes, start, nul);
                throw new ComposeParseException(path, line, column, "the file is binary (it contains a NUL byte), not YAML");
            }

            string text;
            try
            {
                text = StrictUtf8.GetString(bytes, start, bytes.Length - start);
            }
            catch (DecoderFallbackException e)
            {
                var (line, column) = Position(bytes, start, start + Math.Max(0, e.Index));
                throw new ComposeParseException(path, line, column, "the file is not valid UTF-8 text", e);
            }

            if (text.Trim().Length == 0)
            {
                throw new ComposeParseException(path, 1, 1, "the file is empty");
            }

            return (bom, text);
        }

        public static byte[] Encode(bool bom, string text)
        {
            var body = StrictUtf8.GetBytes(text);
            if (!bom)
            {
                return body;
            }

            var result = new byte[body.Length + 3];
            result[0] = 0xEF;
            result[1] = 0xBB;
            result[2] = 0xBF;
            Buffer.BlockCopy(body, 0, result, 3, body.Length);
            return result;
        }

        /// <summary>1-based line and column of an offset in the text.</summary>
        public static (int Line, int Column) Position(string text, int offset)
        {
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset && i < text.Length; i++)
            {
                if (text[i] == '\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, offset - lineStart + 1);
        }

        private static (int Line, int Column) Position(byte[] bytes, int start, int offset)
        {
            int line = 1;
            int lineStart = start;
            for (int i = start; i < offset; i++)
            {
                if (bytes[i] == (byte)'\n')
                {
                    line++;
                    lineStart = i + 1;
                }
            }

            return (line, offset - lineStart + 1);
        }
    }
}
