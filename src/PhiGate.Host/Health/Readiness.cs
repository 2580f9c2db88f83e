using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhiGate.Host.Health;

/// <summary>Turns false for good once shutdown begins, so Envoy and Kubernetes stop sending work.</summary>
internal sealed class Readiness : IHealthCheck
{
    public const string Tag = "ready";

    private volatile bool _draining;

    public bool IsDraining => _draining;

    public void BeginDraining() => _draining = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("draining") : HealthCheckResult.Healthy());
}
