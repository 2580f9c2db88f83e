using Envoy.Service.ExtProc.V3;

namespace PhiGate.ExtProc;

/// <summary>
/// Decides the answer to each message of one HTTP exchange. One instance per ext_proc stream, so it may
/// keep per-exchange state (the caller's profile, whether the body will be rewritten). The base class
/// answers every message with the matching type and CONTINUE, no mutation.
/// </summary>
public class ExchangeHandler
{
    public virtual ValueTask<ProcessingResponse> OnRequestHeadersAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { RequestHeaders = new HeadersResponse { Response = Continue() } });

    public virtual ValueTask<ProcessingResponse> OnRequestBodyAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { RequestBody = new BodyResponse { Response = Continue() } });

    public virtual ValueTask<ProcessingResponse> OnRequestTrailersAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { RequestTrailers = new TrailersResponse() });

    public virtual ValueTask<ProcessingResponse> OnResponseHeadersAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { ResponseHeaders = new HeadersResponse { Response = Continue() } });

    public virtual ValueTask<ProcessingResponse> OnResponseBodyAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { ResponseBody = new BodyResponse { Response = Continue() } });

    public virtual ValueTask<ProcessingResponse> OnResponseTrailersAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { ResponseTrailers = new TrailersResponse() });

    /// <summary>Called once when the stream ends, however it ends (completed, cancelled, failed).</summary>
    public virtual ValueTask OnCompletedAsync(ExchangeOutcome outcome) => ValueTask.CompletedTask;

    protected static CommonResponse Continue() => new() { Status = CommonResponse.Types.ResponseStatus.Continue };
}
