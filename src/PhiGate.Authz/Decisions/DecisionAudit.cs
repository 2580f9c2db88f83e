using System.Text;
using Envoy.Service.Auth.V3;
using PhiGate.Audit;
using PhiGate.Authz.Tokens;

namespace PhiGate.Authz.Decisions;

/// <summary>
/// Builds the hash-only audit event of one Check: the route as a template (resource ids and query values
/// digested), the caller's workload and client facts, the subject and source address digested.
/// </summary>
internal static class DecisionAudit
{
    public static DecisionEvent Create(
        IAuditTrail trail, CheckRequest request, CallerAuthentication? authentication, bool allowed, string reasonCode, int httpStatus, string requestId, string? traceId)
    {
        var http = request.Attributes?.Request?.Http;
        return new DecisionEvent
        {
            RequestId = requestId,
            TraceId = traceId is { Length: 32 } ? traceId : null,
            Decision = allowed ? AuditDecision.Allow : AuditDecision.Deny,
            ReasonCode = reasonCode,
            HttpStatus = httpStatus,
            Route = http is null ? null : Route(trail, http),
            Client = Client(trail, request, authentication),
        };
    }

    /// <summary><c>/fhir/Patient/123?family=Doe</c> → <c>/fhir/Patient/{id}</c>, ids and query values as digests.</summary>
    internal static AuditRoute Route(IAuditTrail trail, AttributeContext.Types.HttpRequest http)
    {
        var path = http.Path;
        var question = path.IndexOf('?', StringComparison.Ordinal);
        var (template, ids) = PathTemplates.From(path, trail);

        Dictionary<string, AuditDigest>? query = null;
        if (question >= 0 && PolicyInput.PathParser.TryParseQuery(path[(question + 1)..], out var parsed))
        {
            query = [];
            for (var i = 0; i < parsed.Count; i++)
            {
                if (parsed.Keys[i] is PhiGate.Rego.Values.StringValue name && parsed.Values[i] is PhiGate.Rego.Values.ArrayValue values)
                {
                    query[name.Value] = trail.Digest(string.Join('\u001f', values.Items.ToArray().Select(v => (v as PhiGate.Rego.Values.StringValue)?.Value ?? string.Empty)));
                }
            }
        }

        return new AuditRoute
        {
            Method = string.IsNullOrEmpty(http.Method) ? "-" : http.Method,
            PathTemplate = template,
            ResourceIds = ids.Count > 0 ? ids : null,
            Query = query is { Count: > 0 } ? query : null,
        };
    }

    private static AuditClient Client(IAuditTrail trail, CheckRequest request, CallerAuthentication? authentication)
    {
        var token = authentication?.IsAuthenticated == true ? authentication.Token : null;
        var certificate = authentication?.Certificate;
        var source = request.Attributes?.Source?.Address?.SocketAddress?.Address;
        return new AuditClient
        {
            CertificateThumbprint = certificate?.Sha256Hex,
            SpiffeId = certificate?.SpiffeId,
            Issuer = token?.Issuer,
            ClientId = token?.ClientId,
            Subject = token?.Subject is { } subject ? trail.Digest(subject) : null,
            Scopes = token?.Scopes,
            SourceAddress = string.IsNullOrEmpty(source) ? null : trail.Digest(source),
        };
    }
}
