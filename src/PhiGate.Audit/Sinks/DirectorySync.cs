using System.Runtime.InteropServices;
using System.Text;

namespace PhiGate.Audit;

/// <summary>
/// Makes directory entries durable. On Linux a new file survives a crash only once the directory that
/// names it is fsynced too; fsyncing the file's data does not cover its name.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnly = 0;
    private const int CloseOnExec = 0x80000; // O_CLOEXEC, the same on x64 and arm64
    private const int InvalidArgument = 22; // EINVAL: the file system cannot sync directories
    private const int NotSupported = 95; // EOPNOTSUPP

    /// <summary>
    /// Fsyncs <paramref name="directory"/>. True when it is durable or the platform has no such operation
    /// (only Linux needs and supports it here); false when the directory cannot be opened or synced.
    /// </summary>
    public static bool TryFlush(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return true;
        }

        var path = Encoding.UTF8.GetBytes(Path.GetFullPath(directory) + "\0");
        var fd = NativeMethods.Open(path, ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            return false;
        }

        try
        {
            return NativeMethods.FSync(fd) == 0 || Marshal.GetLastPInvokeError() is InvalidArgument or NotSupported;
        }
        finally
        {
            _ = NativeMethods.Close(fd);
        }
    }

    /// <summary>The three libc calls .NET does not offer for directories (a FileStream refuses to open one).</summary>
    private static class NativeMethods
    {
#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for the path; these arguments are blittable.
        [DllImport("libc", EntryPoint = "open", SetLastError = true)]
        public static extern int Open(byte[] path, int flags);

        [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
        public static extern int FSync(int fd);

        [DllImport("libc", EntryPoint = "close", SetLastError = true)]
        public static extern int Close(int fd);
#pragma warning restore SYSLIB1054
    }
}
