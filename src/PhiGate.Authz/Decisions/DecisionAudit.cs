using System.Runtime.CompilerServices;
using System.Text;
using Envoy.Service.Auth.V3;
using PhiGate.Audit;
using PhiGate.Authz.Tokens;
using PhiGate.Rego.Values;

namespace PhiGate.Authz.Decisions;

/// <summary>
/// Builds the hash-only audit event of one Check: the route as a template (resource ids and query values
/// digested), the caller's workload and client facts, the subject and source address digested.
/// </summary>
/// <remarks>
/// This runs on every Check, so values that recur are not digested again: the subject's digest lives with
/// the cached validated token, the source address's in the trail's bounded memo.
/// </remarks>
internal static class DecisionAudit
{
    private const char ValueSeparator = '\u001f';

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                if (parsed.Keys[i] is StringValue name && parsed.Values[i] is ArrayValue values)
                {
                    query[name.Value] = QueryDigest(trail, values);
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

    /// <summary>One digest over all values of a parameter, joined by the unit separator.</summary>
    private static AuditDigest QueryDigest(IAuditTrail trail, ArrayValue values)
    {
        if (values.Count == 1)
        {
            return trail.Digest((values[0] as StringValue)?.Value ?? string.Empty);
        }

        var joined = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                joined.Append(ValueSeparator);
            }

            joined.Append((values[i] as StringValue)?.Value);
        }

        return trail.Digest(joined.ToString());
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
            Subject = token is null ? null : Subject(trail, token),
            Scopes = token?.Scopes,
            SourceAddress = string.IsNullOrEmpty(source) ? null : trail.DigestRecurring(source),
        };
    }

    /// <summary>The subject's digest, made once per validated token and trail (a token is cached and reused).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static AuditDigest? Subject(IAuditTrail trail, VerifiedToken token)
    {
        if (token.Subject is not { } subject)
        {
            return null;
        }

        if (token.AuditSubject is { } cached && ReferenceEquals(cached.Trail, trail))
        {
            return cached.Digest;
        }

        var digest = trail.Digest(subject);
        token.AuditSubject = new CachedDigest(trail, digest);
        return digest;
    }
}
