using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace PhiGate.Audit;

/// <summary>
/// Ties the writer to the host's lifetime. The trail starts before every other hosted service (so the
/// gRPC listener never serves before the chain head is known) and stops after all of them (so requests
/// answered while the host drains still get their events written and signed).
/// </summary>
/// <remarks>
/// The trail is resolved when the host starts, not when the hosted service is created: the host creates
/// hosted services before it validates options, and an invalid <c>audit</c> section must surface as the
/// validation's one-line messages rather than as a failure to construct a service.
/// </remarks>
internal sealed class AuditTrailHostedService : IHostedLifecycleService
{
    private readonly IServiceProvider _services;
    private AuditTrail? _trail;

    public AuditTrailHostedService(IServiceProvider services)
    {
        _services = services;
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _trail = _services.GetRequiredService<AuditTrail>();
        return _trail.StartAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _trail?.StopAsync(cancellationToken) ?? Task.CompletedTask;
}
