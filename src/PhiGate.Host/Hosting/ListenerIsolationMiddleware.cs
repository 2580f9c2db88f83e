using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace PhiGate.Host.Hosting;

/// <summary>
/// Admin paths answer only on the admin listener and gRPC only on the gRPC listener, so a metrics
/// scrape can never reach the policy path and Envoy's socket exposes nothing but the two services.
/// </summary>
internal sealed class ListenerIsolationMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        var kind = items is not null && items.TryGetValue(typeof(ListenerKind), out var value) ? (ListenerKind?)value : null;
        var isAdminPath = AdminEndpoints.IsAdminPath(context.Request.Path);
        if ((kind == ListenerKind.Admin && !isAdminPath) || (kind == ListenerKind.Grpc && isAdminPath))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
