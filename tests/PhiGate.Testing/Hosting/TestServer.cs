using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhiGate.Host.Hosting;
using PhiGate.Testing.Envoy;
using PhiGate.Testing.Logging;

namespace PhiGate.Testing.Hosting;

/// <summary>
/// A real PhiGate host on loopback (TCP port 0, or a Unix socket in a temporary folder) with every log
/// event recorded, for tests that talk to it over a real socket.
/// </summary>
public sealed class TestServer : IAsyncDisposable
{
    private readonly PhiGateServer _server;
    private readonly string? _socketDirectory;

    private TestServer(PhiGateServer server, LogRecorder logs, string? socketDirectory)
    {
        _server = server;
        Logs = logs;
        _socketDirectory = socketDirectory;
    }

    public LogRecorder Logs { get; }

    public IServiceProvider Services => _server.Services;

    public string GrpcAddress => _server.GrpcAddress;

    public string AdminAddress => _server.AdminAddress;

    /// <summary>The socket path when the server listens on a Unix socket.</summary>
    public string? UnixSocketPath { get; private set; }

    /// <summary>Starts a host. <paramref name="overrides"/> use <c>section:key</c> names as in the YAML file.</summary>
    public static async Task<TestServer> StartAsync(
        IReadOnlyDictionary<string, string?>? overrides = null,
        bool unixSocket = false,
        string? configFile = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var logs = new LogRecorder();
        string? socketDirectory = null;
        string grpc = "127.0.0.1:0";
        if (unixSocket)
        {
            socketDirectory = Directory.CreateTempSubdirectory("phigate-sock-").FullName;
            grpc = "unix:" + Path.Combine(socketDirectory, "phigate.sock");
        }

        var values = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>(), StringComparer.OrdinalIgnoreCase);
        values.TryAdd("server:drain_delay", "0s");
        var server = PhiGateApplication.Build(new ServeSettings
        {
            ConfigFile = configFile,
            Grpc = grpc,
            Admin = "127.0.0.1:0",
            Environment = new Dictionary<string, string>(),
            Overrides = values,
            LogToStdout = false,
            ConfigureLogging = logging =>
            {
                logging.SetMinimumLevel(LogLevel.Debug);
                logging.AddProvider(logs);
            },
            ConfigureServices = configureServices,
        });
        await server.StartAsync();
        return new TestServer(server, logs, socketDirectory) { UnixSocketPath = unixSocket ? grpc["unix:".Length..] : null };
    }

    /// <summary>A driver that plays Envoy's part against this server.</summary>
    public EnvoyDriver CreateDriver() => UnixSocketPath is { } path ? EnvoyDriver.ForUnixSocket(path) : EnvoyDriver.ForTcp(GrpcAddress);

    /// <summary>A plain gRPC channel to the server (TCP or Unix socket).</summary>
    public GrpcChannel CreateChannel() => UnixSocketPath is { } path ? GrpcChannels.ForUnixSocket(path) : GrpcChannels.ForTcp(GrpcAddress);

    public HttpClient CreateAdminClient() => new() { BaseAddress = new Uri(AdminAddress), Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Fails the calling test if the host logged an error the test did not expect.</summary>
    public void AssertNoUnexpectedErrors()
    {
        var errors = Logs.UnexpectedErrors();
        Assert.That(errors, Is.Empty, () => "unexpected error logs: " + string.Join(" | ", errors.Select(e => $"{e.EventId.Name}: {e.Message}")));
    }

    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        if (_socketDirectory is not null)
        {
            Directory.Delete(_socketDirectory, recursive: true);
        }
    }
}
