using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PhiGate.Host.Health;
using PhiGate.Host.Metrics;
using Prometheus;

namespace PhiGate.Host.Hosting;

/// <summary><c>/metrics</c>, <c>/healthz</c> (the process answers) and <c>/readyz</c> (config, keys, policy loaded; not draining).</summary>
internal static class AdminEndpoints
{
    public static bool IsAdminPath(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");

    public static void Map(WebApplication app)
    {
        MeterPublishing.Configure();
        app.MapMetrics("/metrics");
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatus });
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Readiness.Tag),
            ResponseWriter = WriteStatus,
        });
    }

    // Only the overall status: which check failed goes to the log, not to whoever can reach the port.
    private static Task WriteStatus(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(report.Status == HealthStatus.Healthy ? "ok\n" : "not ready\n");
    }
}
