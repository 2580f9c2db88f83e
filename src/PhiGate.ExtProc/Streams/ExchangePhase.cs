namespace PhiGate.ExtProc.Streams;

/// <summary>Where one HTTP exchange is in Envoy's ext_proc order (envoy-wire.md §5.2).</summary>
[Flags]
internal enum ExchangePhase
{
    None = 0,
    RequestHeaders = 1,
    RequestBody = 2,
    RequestBodyEnded = 4,
    RequestTrailers = 8,
    ResponseHeaders = 16,
    ResponseBody = 32,
    ResponseBodyEnded = 64,
    ResponseTrailers = 128,
    ImmediateResponseSent = 256,
}
