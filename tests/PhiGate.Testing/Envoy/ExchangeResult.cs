using Envoy.Service.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;

namespace PhiGate.Testing.Envoy;

/// <summary>What Envoy would forward after applying every answer of the stream.</summary>
public sealed class ExchangeResult
{
    public List<ProcessingRequest> Sent { get; } = [];

    public List<ProcessingResponse> Answers { get; } = [];

    /// <summary>Set when the server ended the exchange with a local reply.</summary>
    public ImmediateResponse? ImmediateResponse { get; set; }

    public List<KeyValuePair<string, string>> RequestHeaders { get; set; } = [];

    public byte[] RequestBody { get; set; } = [];

    public List<KeyValuePair<string, string>> ResponseHeaders { get; set; } = [];

    public byte[] ResponseBody { get; set; } = [];

    public Struct? DynamicMetadata { get; set; }

    /// <summary>
    /// An immediate response came after the response headers went downstream: Envoy cannot send a local
    /// reply any more and resets the HTTP stream (envoy-wire.md §5.7). <see cref="ResponseBody"/> then holds
    /// only what was forwarded before the reset.
    /// </summary>
    public bool StreamReset { get; set; }

    /// <summary>The server closed the stream with OK before Envoy finished: the rest passed unprocessed.</summary>
    public bool ClosedEarlyByServer { get; set; }

    public string? Header(string name) => ResponseHeaders.FirstOrDefault(h => h.Key == name).Value;

    public string? RequestHeader(string name) => RequestHeaders.FirstOrDefault(h => h.Key == name).Value;
}
