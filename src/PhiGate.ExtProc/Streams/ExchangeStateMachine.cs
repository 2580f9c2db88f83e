using Envoy.Service.ExtProc.V3;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace PhiGate.ExtProc.Streams;

/// <summary>
/// The one place that knows which ProcessingRequest may come next. Phases may be skipped (SKIP and NONE
/// modes), and response headers may arrive while the request body is still streaming (an early upstream
/// answer), but nothing is ever repeated or sent after its direction ended.
/// </summary>
internal sealed class ExchangeStateMachine
{
    private ExchangePhase _seen;

    public ExchangePhase Seen => _seen;

    /// <summary>True once an immediate response ended the exchange: Envoy ignores anything after it.</summary>
    public bool IsClosed => _seen.HasFlag(ExchangePhase.ImmediateResponseSent);

    public void MarkImmediateResponseSent() => _seen |= ExchangePhase.ImmediateResponseSent;

    /// <summary>Records the message, or returns why it breaks Envoy's order.</summary>
    public string? Accept(ProcessingRequest message)
    {
        switch (message.RequestCase)
        {
            case Kind.RequestHeaders:
                return Enter(_seen == ExchangePhase.None, ExchangePhase.RequestHeaders, message.RequestHeaders.EndOfStream ? ExchangePhase.RequestBodyEnded : ExchangePhase.None,
                    "request_headers must be the first message of a stream");
            case Kind.RequestBody:
                return Enter(!Has(ExchangePhase.RequestBodyEnded | ExchangePhase.RequestTrailers), ExchangePhase.RequestBody,
                    message.RequestBody.EndOfStream ? ExchangePhase.RequestBodyEnded : ExchangePhase.None,
                    "request_body after the request body or trailers ended");
            case Kind.RequestTrailers:
                return Enter(!Has(ExchangePhase.RequestTrailers), ExchangePhase.RequestTrailers, ExchangePhase.RequestBodyEnded,
                    "request_trailers sent twice");
            case Kind.ResponseHeaders:
                return Enter(!Has(ExchangePhase.ResponseHeaders | ExchangePhase.ResponseBody | ExchangePhase.ResponseTrailers), ExchangePhase.ResponseHeaders,
                    message.ResponseHeaders.EndOfStream ? ExchangePhase.ResponseBodyEnded : ExchangePhase.None,
                    "response_headers after the response started");
            case Kind.ResponseBody:
                return Enter(!Has(ExchangePhase.ResponseBodyEnded | ExchangePhase.ResponseTrailers), ExchangePhase.ResponseBody,
                    message.ResponseBody.EndOfStream ? ExchangePhase.ResponseBodyEnded : ExchangePhase.None,
                    "response_body after the response body or trailers ended");
            case Kind.ResponseTrailers:
                return Enter(!Has(ExchangePhase.ResponseTrailers), ExchangePhase.ResponseTrailers, ExchangePhase.ResponseBodyEnded,
                    "response_trailers sent twice");
            default:
                return "a ProcessingRequest with no request set";
        }
    }

    private bool Has(ExchangePhase phases) => (_seen & phases) != 0;

    private string? Enter(bool allowed, ExchangePhase phase, ExchangePhase also, string violation)
    {
        if (!allowed)
        {
            return violation;
        }

        _seen |= phase | also;
        return null;
    }
}
