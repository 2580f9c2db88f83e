using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PhiGate.Host.Configuration;
using PhiGate.Host.Logging;

namespace PhiGate.Host.Hosting;

/// <summary>A built PhiGate host: start it, learn the bound addresses, stop it.</summary>
public sealed class PhiGateServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly bool _embeddedDefaults;

    internal PhiGateServer(WebApplication app, ServerOptions options, bool embeddedDefaults)
    {
        _app = app;
        Options = options;
        _embeddedDefaults = embeddedDefaults;
    }

    public ServerOptions Options { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>The gRPC address after start: <c>http://127.0.0.1:PORT</c> or <c>http://unix:/path</c>.</summary>
    public string GrpcAddress { get; private set; } = string.Empty;

    /// <summary>The admin address after start, <c>http://127.0.0.1:PORT</c>.</summary>
    public string AdminAddress { get; private set; } = string.Empty;

    /// <summary>Starts the listeners. Throws <see cref="ConfigurationProblemsException"/> when a feature's options are invalid.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await _app.StartAsync(cancellationToken);
        }
        catch (Exception ex) when (StartupProblems.From(ex) is { } lines)
        {
            throw new ConfigurationProblemsException(lines);
        }

        // Kestrel reports addresses in the order the listeners were added: gRPC first, then admin.
        var addresses = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        GrpcAddress = addresses[0];
        AdminAddress = addresses[1];
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("PhiGate.Host");
        HostLog.Listening(logger, "grpc", GrpcAddress);
        HostLog.Listening(logger, "admin", AdminAddress);
        if (_embeddedDefaults)
        {
            HostLog.EmbeddedDefaults(logger);
        }
    }

    /// <summary>Runs until SIGTERM or Ctrl+C, then drains and stops.</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken = default) => _app.StopAsync(cancellationToken);

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
