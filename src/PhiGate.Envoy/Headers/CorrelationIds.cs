using Envoy.Config.Core.V3;
using Google.Protobuf.Collections;

namespace PhiGate.Envoy.Headers;

/// <summary>
/// The request id and trace id Envoy attaches to a request, read from its headers and reduced to a
/// safe alphabet: they are echoed to callers and written to logs, so they must not carry anything else.
/// </summary>
public static class CorrelationIds
{
    private const int MaxLength = 64;

    /// <summary>Reads ids from ext_authz's header map (lower-case keys, plain values).</summary>
    public static (string RequestId, string TraceId) From(MapField<string, string> headers, string fallbackRequestId)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers.TryGetValue("x-request-id", out var requestId);
        return (Sanitize(requestId) ?? Sanitize(fallbackRequestId) ?? "-", TraceIdFrom(name => headers.TryGetValue(name, out var v) ? v : null));
    }

    /// <summary>Reads ids from ext_proc's header list (values in <c>raw_value</c>).</summary>
    public static (string RequestId, string TraceId) From(HeaderMap? headers)
    {
        string? Find(string name)
        {
            if (headers is null)
            {
                return null;
            }

            foreach (var header in headers.Headers)
            {
                if (header.Key == name)
                {
                    return header.RawValue.IsEmpty ? header.Value : header.RawValue.ToStringUtf8();
                }
            }

            return null;
        }

        return (Sanitize(Find("x-request-id")) ?? "-", TraceIdFrom(Find));
    }

    private static string TraceIdFrom(Func<string, string?> find)
    {
        // W3C traceparent: version-traceid-parentid-flags; B3 as a fallback.
        var traceparent = find("traceparent");
        if (traceparent is { Length: >= 55 } && traceparent[2] == '-')
        {
            return Sanitize(traceparent.Substring(3, 32)) ?? "-";
        }

        return Sanitize(find("x-b3-traceid")) ?? "-";
    }

    /// <summary>Keeps ids that look like ids (letters, digits, <c>-_.:</c>, at most 64 chars); anything else is dropped.</summary>
    public static string? Sanitize(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return null;
            }
        }

        return value;
    }
}
