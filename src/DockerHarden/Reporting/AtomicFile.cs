using System;
using System.IO;
using System.Text;

namespace DockerHarden.Reporting
{
    /// <summary>
    /// Writes a whole file or nothing: the text goes to a temporary file beside the target, which is then renamed
    /// over it. A reader (a CI upload step, a browser) never sees half a report, and a failed write leaves the old
    /// file as it was.
    /// </summary>
    internal static class AtomicFile
    {
        /// <summary>Writes through <paramref name="write"/>; with overwrite false an existing file is an IOException and stays untouched.</summary>
        public static void Write(string path, bool overwrite, Action<TextWriter> write)
        {
            string directory = Path.GetDirectoryName(path) ?? ".";
            string temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
                {
                    writer.NewLine = "\n";
                    write(writer);
                    writer.Flush();
                    stream.Flush(flushToDisk: true);
                }

                // Rename within one directory is atomic; without overwrite it fails when the file appeared meanwhile.
                File.Move(temp, path, overwrite);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }
}
