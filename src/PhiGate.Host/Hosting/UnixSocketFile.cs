namespace PhiGate.Host.Hosting;

/// <summary>A socket file left by a killed process would make the bind fail; only sockets are removed.</summary>
internal static class UnixSocketFile
{
    public static void RemoveStale(string path)
    {
        var info = new FileInfo(path);
        if (info.Exists && (info.Attributes & FileAttributes.Normal) == 0 && info.Length == 0)
        {
            info.Delete();
        }
    }
}
