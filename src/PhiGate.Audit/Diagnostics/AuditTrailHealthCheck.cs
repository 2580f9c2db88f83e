using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhiGate.Audit;

/// <summary>Readiness ("ready" tag): unhealthy while the trail fails closed. The description stays coarse.</summary>
internal sealed class AuditTrailHealthCheck : IHealthCheck
{
    private readonly IAuditTrail _trail;

    public AuditTrailHealthCheck(IAuditTrail trail)
    {
        _trail = trail;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_trail.IsHealthy
            ? HealthCheckResult.Healthy("audit trail writable")
            : HealthCheckResult.Unhealthy("audit trail cannot be written"));
}
