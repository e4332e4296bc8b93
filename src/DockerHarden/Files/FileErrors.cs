using System.Management.Automation;

namespace DockerHarden.Files
{
    /// <summary>The error record of a file the file layer refused, with the id it chose and a fitting category.</summary>
    internal static class FileErrors
    {
        public static ErrorRecord Record(FileRefusedException e, object? target) => new(e, e.ErrorId, e.ErrorId switch
        {
            "FileNotRegular" => ErrorCategory.InvalidType,
            "FileTooLarge" => ErrorCategory.LimitsExceeded,
            "FileChangedDuringRepair" => ErrorCategory.ResourceBusy,
            _ => ErrorCategory.InvalidArgument,
        }, target);
    }
}
