using System.Diagnostics;
using System.Net.Sockets;
using PhiGate.Testing.Identity;

namespace PhiGate.Testing.Redis;

/// <summary>
/// A real <c>redis-server</c> on 127.0.0.1 and a free port, without persistence; stopped on dispose.
/// Without the binary the test is ignored (fails on CI): <c>apt-get install -y redis-server</c>.
/// </summary>
public sealed class RedisFixture : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);

    private Process? _process;

    private RedisFixture(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The replay-store URL for PhiGate's configuration, e.g. <c>redis://127.0.0.1:40123</c>.</summary>
    public string Url => $"redis://127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisFixture> StartAsync()
    {
        var binary = RequiredTool.Find("redis-server", "/usr/bin", "/usr/sbin", "/usr/local/bin");
        if (binary is null)
        {
            RequiredTool.Missing("redis-server is required for the Redis fixture (apt-get install -y redis-server)");
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var port = FreePort.Next();
            var process = Start(binary!, port);
            if (await WaitForPingAsync(process, port))
            {
                return new RedisFixture(process, port);
            }

            Stop(process);
        }

        throw new InvalidOperationException("redis-server did not start");
    }

    /// <summary>Stops the server now (to test what happens when Redis goes down).</summary>
    public void Kill()
    {
        if (_process is not null)
        {
            Stop(_process);
            _process = null;
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    private static Process Start(string binary, int port)
    {
        string[] arguments =
        [
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--save", string.Empty,
            "--appendonly", "no",
            "--protected-mode", "yes",
            "--daemonize", "no",
            "--dir", Path.GetTempPath(),
            "--loglevel", "warning",
        ];
        var start = new ProcessStartInfo(binary, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<bool> WaitForPingAsync(Process process, int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout && !process.HasExited)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                if (read > 0 && buffer[0] == (byte)'+')
                {
                    return true;
                }
            }
            catch (SocketException)
            {
                // Not listening yet.
            }

            await Task.Delay(50);
        }

        return false;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5_000);
            }
        }
        finally
        {
            process.Dispose();
        }
    }
}
