using Envoy.Service.Auth.V3;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PhiGate.Authz.Decisions;
using PhiGate.Authz.Responses;
using PhiGate.Envoy.Headers;

namespace PhiGate.Authz;

/// <summary>
/// <c>envoy.service.auth.v3.Authorization/Check</c>. Deny by default: until a policy allows a request,
/// every request is answered with a deny (<see cref="CheckHandler"/> decides).
/// </summary>
internal sealed class CheckService(ILogger<CheckService> logger, CheckHandler handler) : Authorization.AuthorizationBase
{
    public override async Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var http = request.Attributes?.Request?.Http;
        var (requestId, traceId) = http is null ? ("-", "-") : CorrelationIds.From(http.Headers, http.Id);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId, ["TraceId"] = traceId });

        try
        {
            return await handler.HandleAsync(request, requestId, traceId, context.CancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Fail closed: a bug on the request path must deny with a clean answer, not drop the call.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            DecisionsLog.CheckFailed(logger, ex);
            AuthzLog.Denied(logger, 403, "internal_error");
            return DeniedResponses.Create(global::Envoy.Type.V3.StatusCode.Forbidden, StatusCode.PermissionDenied, "access_denied", requestId);
        }
    }
}
