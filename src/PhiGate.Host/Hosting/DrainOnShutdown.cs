using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PhiGate.Host.Configuration;
using PhiGate.Host.Health;
using PhiGate.Host.Logging;

namespace PhiGate.Host.Hosting;

/// <summary>
/// On SIGTERM: readiness turns false first while the listeners keep serving for <c>drain_delay</c>;
/// only then does the host close the listeners and wait (bounded by <c>shutdown_timeout</c>) for
/// in-flight calls.
/// </summary>
internal sealed class DrainOnShutdown(Readiness readiness, IOptions<ServerOptions> options, TimeProvider time, ILogger<DrainOnShutdown> logger)
    : IHostedLifecycleService
{
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        readiness.BeginDraining();
        var delay = options.Value.DrainDelay;
        HostLog.Draining(logger, delay.TotalMilliseconds);
        return delay > TimeSpan.Zero ? Task.Delay(delay, time, cancellationToken) : Task.CompletedTask;
    }

    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        HostLog.Stopped(logger);
        return Task.CompletedTask;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
