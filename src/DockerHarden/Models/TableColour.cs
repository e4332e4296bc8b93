using System;
using System.Management.Automation;

namespace DockerHarden.Models
{
    /// <summary>
    /// The one definition of table colour for DockerHarden.Format.ps1xml: a cell is coloured only when the host
    /// renders ANSI ($PSStyle.OutputRendering is not PlainText) and NO_COLOR is not set; otherwise its plain text.
    /// </summary>
    public static class TableColour
    {
        /// <summary>A count, in the style named (Error, Warning) when it is above zero.</summary>
        public static object? Count(int count, string style, object? psStyle) =>
            count > 0 ? Paint(count.ToString(System.Globalization.CultureInfo.InvariantCulture), style, psStyle) : count;

        /// <summary>A finding status: Fail in the Error style, Warn in the Warning style, any other plain.</summary>
        public static string Status(object? status, object? psStyle)
        {
            var text = status?.ToString() ?? "";
            return text switch
            {
                "Fail" => Paint(text, "Error", psStyle),
                "Warn" => Paint(text, "Warning", psStyle),
                _ => text,
            };
        }

        private static string Paint(string text, string style, object? psStyle)
        {
            if (psStyle is null || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")))
            {
                return text;
            }

            var styles = PSObject.AsPSObject(psStyle);
            if (string.Equals(styles.Properties["OutputRendering"]?.Value?.ToString(), "PlainText", StringComparison.Ordinal) ||
                styles.Properties["Formatting"]?.Value is not { } formatting ||
                PSObject.AsPSObject(formatting).Properties[style]?.Value?.ToString() is not { Length: > 0 } colour)
            {
                return text;
            }

            return colour + text + styles.Properties["Reset"]?.Value;
        }
    }
}
