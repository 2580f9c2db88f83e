using Microsoft.Extensions.Hosting;

namespace PhiGate.Audit;

/// <summary>
/// Ties the writer to the host's lifetime. The trail starts before every other hosted service (so the
/// gRPC listener never serves before the chain head is known) and stops after all of them (so requests
/// answered while the host drains still get their events written and signed).
/// </summary>
internal sealed class AuditTrailHostedService : IHostedLifecycleService
{
    private readonly AuditTrail _trail;

    public AuditTrailHostedService(AuditTrail trail)
    {
        _trail = trail;
    }

    public Task StartingAsync(CancellationToken cancellationToken) => _trail.StartAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _trail.StopAsync(cancellationToken);
}
