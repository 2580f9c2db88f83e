using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Service.Auth.V3;
using Envoy.Type.V3;

namespace PhiGate.Authz.Responses;

/// <summary>
/// Builds deny answers Envoy turns into local replies: a non-OK <c>status</c> plus a
/// <c>denied_response</c> whose body is a short JSON error with the request id and nothing about why.
/// </summary>
internal static class DeniedResponses
{
    public static CheckResponse Create(StatusCode httpStatus, Grpc.Core.StatusCode grpcCode, string error, string requestId, IEnumerable<HeaderValueOption>? extraHeaders = null)
    {
        var denied = new DeniedHttpResponse
        {
            Status = new HttpStatus { Code = httpStatus },
            Body = JsonSerializer.Serialize(new ErrorBody(error, requestId), ErrorBodyContext.Default.ErrorBody),
        };
        denied.Headers.Add(Header("content-type", "application/json"));
        denied.Headers.Add(Header("cache-control", "no-store"));
        if (extraHeaders is not null)
        {
            denied.Headers.AddRange(extraHeaders);
        }

        return new CheckResponse
        {
            Status = new Google.Rpc.Status { Code = (int)grpcCode, Message = error },
            DeniedResponse = denied,
        };
    }

    /// <summary>A header that replaces any existing one: <c>append</c> is set explicitly (envoy-wire.md §4.3).</summary>
    public static HeaderValueOption Header(string key, string value) =>
        new() { Header = new HeaderValue { Key = key, Value = value }, Append = false };
}
