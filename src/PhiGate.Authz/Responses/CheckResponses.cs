using Envoy.Config.Core.V3;
using Envoy.Service.Auth.V3;
using Google.Protobuf.WellKnownTypes;
using PhiGate.Authz.Decisions;
using GrpcCode = Grpc.Core.StatusCode;
using HttpCode = Envoy.Type.V3.StatusCode;

namespace PhiGate.Authz.Responses;

/// <summary>
/// Turns decisions into CheckResponses (envoy-wire.md §4.2-4.3). Every header carries an explicit <c>append</c>:
/// the first value of a name overwrites, later values of the same name append, on every Envoy version.
/// </summary>
internal static class CheckResponses
{
    public static CheckResponse Allow(PolicyDecision decision, Struct metadata)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var ok = new OkHttpResponse();
        ok.Headers.AddRange(WithAppend(decision.Headers));
        ok.HeadersToRemove.AddRange(decision.RequestHeadersToRemove);
        ok.ResponseHeadersToAdd.AddRange(WithAppend(decision.ResponseHeadersToAdd));
        ok.QueryParametersToSet.AddRange(decision.QueryParametersToSet.Select(p => new QueryParameter { Key = p.Key, Value = p.Value }));
        ok.QueryParametersToRemove.AddRange(decision.QueryParametersToRemove);
        return new CheckResponse
        {
            Status = new Google.Rpc.Status { Code = (int)GrpcCode.OK },
            OkResponse = ok,
            DynamicMetadata = metadata,
        };
    }

    /// <summary>A policy deny: the policy's status, body and headers when it gave them, else 403 and PhiGate's short JSON.</summary>
    public static CheckResponse Deny(PolicyDecision decision, string requestId, Struct metadata)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var status = (HttpCode)(decision.HttpStatus ?? (int)HttpCode.Forbidden);
        CheckResponse response;
        if (decision.Body is null)
        {
            response = DeniedResponses.Create(status, GrpcCode.PermissionDenied, "access_denied", requestId, WithAppend(decision.Headers));
        }
        else
        {
            var denied = new DeniedHttpResponse { Status = new global::Envoy.Type.V3.HttpStatus { Code = status }, Body = decision.Body };
            denied.Headers.AddRange(WithAppend(decision.Headers));
            response = new CheckResponse
            {
                Status = new Google.Rpc.Status { Code = (int)GrpcCode.PermissionDenied, Message = "access_denied" },
                DeniedResponse = denied,
            };
        }

        response.DynamicMetadata = metadata;
        return response;
    }

    /// <summary>Denies PhiGate itself decided (no policy reached): coarse error codes only.</summary>
    public static CheckResponse Refuse(DecisionReason reason, string realm, string requestId, Struct metadata)
    {
        var response = reason switch
        {
            DecisionReason.TokenMissing => DeniedResponses.Create(HttpCode.Unauthorized, GrpcCode.Unauthenticated, "unauthorized", requestId,
                [DeniedResponses.Header("www-authenticate", $"Bearer realm=\"{realm}\"")]),
            DecisionReason.TokenInvalid => DeniedResponses.Create(HttpCode.Unauthorized, GrpcCode.Unauthenticated, "invalid_token", requestId,
                [DeniedResponses.Header("www-authenticate", $"Bearer realm=\"{realm}\", error=\"invalid_token\"")]),
            DecisionReason.InvalidRequest => DeniedResponses.Create(HttpCode.BadRequest, GrpcCode.InvalidArgument, "invalid_request", requestId,
                [DeniedResponses.Header("www-authenticate", $"Bearer realm=\"{realm}\", error=\"invalid_request\"")]),
            DecisionReason.DependencyUnavailable => DeniedResponses.Create(HttpCode.ServiceUnavailable, GrpcCode.Unavailable, "temporarily_unavailable", requestId),
            _ => DeniedResponses.Create(HttpCode.Forbidden, GrpcCode.PermissionDenied, "access_denied", requestId),
        };
        response.DynamicMetadata = metadata;
        return response;
    }

    /// <summary>First value of a header name: <c>append: false</c> (overwrite); later values: <c>append: true</c>.</summary>
    private static IEnumerable<HeaderValueOption> WithAppend(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            yield return new HeaderValueOption
            {
                Header = new HeaderValue { Key = name.ToLowerInvariant(), Value = value },
                Append = !seen.Add(name),
            };
        }
    }
}
