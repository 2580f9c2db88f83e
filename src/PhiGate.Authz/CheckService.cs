using Envoy.Service.Auth.V3;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PhiGate.Authz.Responses;
using PhiGate.Envoy.Headers;

namespace PhiGate.Authz;

/// <summary>
/// <c>envoy.service.auth.v3.Authorization/Check</c>. Deny by default: until a policy allows a request,
/// every request is answered with a 403.
/// </summary>
internal sealed class CheckService(ILogger<CheckService> logger) : Authorization.AuthorizationBase
{
    public override Task<CheckResponse> Check(CheckRequest request, ServerCallContext context)
    {
        var http = request.Attributes?.Request?.Http;
        var (requestId, traceId) = http is null ? ("-", "-") : CorrelationIds.From(http.Headers, http.Id);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = requestId, ["TraceId"] = traceId });

        AuthzLog.Denied(logger, 403, "no_policy");
        return Task.FromResult(DeniedResponses.Create(global::Envoy.Type.V3.StatusCode.Forbidden, StatusCode.PermissionDenied, "access_denied", requestId));
    }
}
