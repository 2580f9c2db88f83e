using Envoy.Service.ExtProc.V3;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace PhiGate.ExtProc;

/// <summary>
/// Decides the answer to each message of one HTTP exchange. One instance per ext_proc stream, so it may
/// keep per-exchange state (the caller's profile, whether the body will be rewritten). The base class
/// answers every message with the matching type and CONTINUE, no mutation.
/// </summary>
/// <remarks>
/// A large body chunk's bytes live in a pooled buffer that goes back once the message's answer was written:
/// an answer may refer to them, but a handler that keeps them past that copies them.
/// </remarks>
public class ExchangeHandler
{
    /// <summary>The body modes Envoy announced on the stream's first message (absent in observability mode).</summary>
    public ProtocolConfiguration? Protocol { get; internal set; }

    public virtual ValueTask<ProcessingResponse> OnRequestHeadersAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { RequestHeaders = new HeadersResponse { Response = Continue() } });

    public virtual ValueTask<ProcessingResponse> OnRequestBodyAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { RequestBody = new BodyResponse { Response = PassBody(message.RequestBody, Protocol?.RequestBodyMode) } });

    public virtual ValueTask<ProcessingResponse> OnRequestTrailersAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { RequestTrailers = new TrailersResponse() });

    public virtual ValueTask<ProcessingResponse> OnResponseHeadersAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { ResponseHeaders = new HeadersResponse { Response = Continue() } });

    public virtual ValueTask<ProcessingResponse> OnResponseBodyAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { ResponseBody = new BodyResponse { Response = PassBody(message.ResponseBody, Protocol?.ResponseBodyMode) } });

    public virtual ValueTask<ProcessingResponse> OnResponseTrailersAsync(ProcessingRequest message, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new ProcessingResponse { ResponseTrailers = new TrailersResponse() });

    /// <summary>Called once when the stream ends, however it ends (completed, cancelled, failed).</summary>
    public virtual ValueTask OnCompletedAsync(ExchangeOutcome outcome) => ValueTask.CompletedTask;

    private List<ProcessingResponse>? _preceding;

    /// <summary>
    /// Queues an answer that goes out before the one being returned. Only FULL_DUPLEX_STREAMED allows more
    /// answers than messages: body data streamed back ahead of the trailers answer (envoy-wire.md §5.4).
    /// </summary>
    protected void SendBefore(ProcessingResponse answer) => (_preceding ??= []).Add(answer);

    /// <summary>The answers queued by <see cref="SendBefore"/> for the current message, in order; clears the queue.</summary>
    internal List<ProcessingResponse>? TakePreceding()
    {
        var preceding = _preceding;
        _preceding = null;
        return preceding;
    }

    protected static CommonResponse Continue() => new() { Status = CommonResponse.Types.ResponseStatus.Continue };

    /// <summary>
    /// Passes a body chunk on unchanged. In FULL_DUPLEX_STREAMED Envoy has already drained the chunk and
    /// forwards only what the server streams back, so "unchanged" means echoing it (envoy-wire.md §5.4).
    /// </summary>
    protected static CommonResponse PassBody(HttpBody body, BodyMode? mode)
    {
        if (mode != BodyMode.FullDuplexStreamed)
        {
            return Continue();
        }

        var response = Continue();
        response.BodyMutation = new BodyMutation
        {
            StreamedResponse = new StreamedBodyResponse { Body = body.Body, EndOfStream = body.EndOfStream },
        };
        return response;
    }
}
