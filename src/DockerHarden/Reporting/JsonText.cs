using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace DockerHarden.Reporting
{
    /// <summary>Runs a Utf8JsonWriter and hands its indented text to a TextWriter (the SARIF and JSON writers share it).</summary>
    internal static class JsonText
    {
        public static void Write(TextWriter output, Action<Utf8JsonWriter> write)
        {
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions
            {
                Indented = true,
                // A file, never embedded in HTML: keep <, > and quotes readable rather than \u003C.
                Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            }))
            {
                write(json);
            }

            output.Write(Encoding.UTF8.GetString(buffer.ToArray()));
            output.WriteLine();
        }
    }
}
