using Microsoft.Extensions.Hosting;

namespace PhiGate.Authz.Tokens.Keys;

/// <summary>
/// Loads every issuer's keys at start-up and refreshes them on schedule, so requests rarely wait for a fetch
/// and the pod is ready only once keys are there (<see cref="KeysReadyHealthCheck"/>).
/// </summary>
internal sealed class KeyRefreshService(TokenPipeline pipeline, TimeProvider time) : BackgroundService
{
    /// <summary>How often due refreshes are looked for; each cache decides whether it is due.</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, time);
        do
        {
            await Task.WhenAll(pipeline.KeyCaches.Select(c => c.RefreshIfDueAsync(stoppingToken))).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}
