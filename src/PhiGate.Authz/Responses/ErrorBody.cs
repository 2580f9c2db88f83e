using System.Text.Json.Serialization;

namespace PhiGate.Authz.Responses;

/// <summary>The JSON body of every deny: a coarse error code and the request id to quote to support.</summary>
internal sealed record ErrorBody(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("request_id")] string RequestId);

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyContext : JsonSerializerContext;
