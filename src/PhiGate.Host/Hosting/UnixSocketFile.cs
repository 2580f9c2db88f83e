using System.Net.Sockets;

namespace PhiGate.Host.Hosting;

/// <summary>
/// A socket file left by a killed process makes the bind fail. A zero-length file at the socket path that
/// no server answers on is such a leftover and is removed; a live socket is left alone, so a second
/// instance fails to bind instead of stealing the first one's socket.
/// </summary>
internal static class UnixSocketFile
{
    public static void RemoveStale(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != 0)
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            info.Delete();
        }
    }
}
