using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PhiGate.Load;

/// <summary>Runs <c>phigate serve --config FILE</c> as a child process and waits until <c>/readyz</c> answers 200.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, string grpcAddress)
    {
        _process = process;
        GrpcAddress = grpcAddress;
    }

    public string GrpcAddress { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<ServerProcess> StartAsync(string executable, string configFile, int grpcPort, int adminPort)
    {
        var start = new ProcessStartInfo(executable, ["serve", "--config", configFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start phigate");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (!string.IsNullOrEmpty(e.Data))
            {
                Console.Error.WriteLine("phigate: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"phigate exited with code {process.ExitCode}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{adminPort}/readyz"));
                if (response.IsSuccessStatusCode)
                {
                    return new ServerProcess(process, $"127.0.0.1:{grpcPort}");
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("phigate did not become ready within 30 s");
    }

    /// <summary>The executable built next to this one: ../../src/PhiGate/bin/&lt;configuration&gt;/net10.0/phigate.</summary>
    public static string? FindExecutable()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PhiGate.slnx")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            return null;
        }

        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var candidate = Path.Combine(directory.FullName, "src", "PhiGate", "bin", configuration, "net10.0", "phigate");
        return File.Exists(candidate) ? candidate : null;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
