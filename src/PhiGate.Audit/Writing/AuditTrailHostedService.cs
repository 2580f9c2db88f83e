using Microsoft.Extensions.Hosting;

namespace PhiGate.Audit;

/// <summary>Ties the writer to the host's lifetime: started with the host, drained and signed at shutdown.</summary>
internal sealed class AuditTrailHostedService : IHostedService
{
    private readonly AuditTrail _trail;

    public AuditTrailHostedService(AuditTrail trail)
    {
        _trail = trail;
    }

    public Task StartAsync(CancellationToken cancellationToken) => _trail.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => _trail.StopAsync(cancellationToken);
}
