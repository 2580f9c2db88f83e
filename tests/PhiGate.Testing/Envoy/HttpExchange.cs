using Envoy.Config.Core.V3;

namespace PhiGate.Testing.Envoy;

/// <summary>One HTTP request and its upstream response, as Envoy would see them pass through.</summary>
public sealed class HttpExchange
{
    /// <summary>Request headers, pseudo-headers included (<c>:method</c>, <c>:path</c>, <c>:authority</c>, <c>:scheme</c>).</summary>
    public List<KeyValuePair<string, string>> RequestHeaders { get; init; } =
    [
        new(":method", "GET"), new(":path", "/"), new(":authority", "api.example.org"), new(":scheme", "https"),
        new("x-request-id", "3f1c6c1e-1d2b-4c6f-9f7e-1a2b3c4d5e6f"),
    ];

    public List<byte[]> RequestBody { get; init; } = [];

    public List<KeyValuePair<string, string>>? RequestTrailers { get; init; }

    /// <summary>Response headers, <c>:status</c> included.</summary>
    public List<KeyValuePair<string, string>> ResponseHeaders { get; init; } = [new(":status", "200")];

    public List<byte[]> ResponseBody { get; init; } = [];

    public List<KeyValuePair<string, string>>? ResponseTrailers { get; init; }

    /// <summary>Dynamic metadata Envoy forwards (<c>metadata_options.forwarding_namespaces</c>), e.g. ext_authz's.</summary>
    public Metadata? MetadataContext { get; init; }

    /// <summary>A JSON response of <paramref name="json"/> with its content type and length.</summary>
    public static HttpExchange JsonResponse(byte[] json, string path = "/fhir/Patient/1", string contentType = "application/fhir+json") => new()
    {
        RequestHeaders =
        [
            new(":method", "GET"), new(":path", path), new(":authority", "api.example.org"), new(":scheme", "https"),
            new("x-request-id", "7d0e3c1a-52a4-4a8e-9c55-2b8f0e6d4c31"), new("accept", contentType),
        ],
        ResponseHeaders =
        [
            new(":status", "200"), new("content-type", contentType),
            new("content-length", json.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ],
        ResponseBody = [json],
    };
}
