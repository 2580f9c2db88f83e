using System.Diagnostics;

namespace PhiGate.Load;

/// <summary>
/// CPU time used by the client (this process) and, when spawned here, the server during a measured run. CPU
/// per request does not depend on what else the machine is running, unlike requests/s, so it is the figure
/// to compare on a busy machine.
/// </summary>
internal sealed class CpuMeter(Process? server)
{
    private TimeSpan _client;
    private TimeSpan _server;

    public void Start()
    {
        _client = ClientTime();
        _server = ServerTime();
    }

    /// <summary>CPU microseconds per request for client and server (server null when not measured).</summary>
    public (double Client, double? Server) PerRequest(long requests)
    {
        if (requests <= 0)
        {
            return (0, null);
        }

        var client = (ClientTime() - _client).TotalMicroseconds / requests;
        double? serverMicros = server is null ? null : (ServerTime() - _server).TotalMicroseconds / requests;
        return (client, serverMicros);
    }

    private static TimeSpan ClientTime()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    private TimeSpan ServerTime()
    {
        if (server is null)
        {
            return TimeSpan.Zero;
        }

        server.Refresh();
        return server.TotalProcessorTime;
    }
}
