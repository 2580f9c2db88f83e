using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>Ready when every trusted issuer has usable verification keys (trivially ready with no issuers: all tokens are refused).</summary>
internal sealed class KeysReadyHealthCheck(TokenPipeline pipeline) : IHealthCheck
{
    public const string Name = "authz-keys";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var missing = pipeline.KeyCaches.Count(c => c.Current is null);
        return Task.FromResult(missing == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{missing} of {pipeline.KeyCaches.Count} issuers have no usable keys"));
    }
}
